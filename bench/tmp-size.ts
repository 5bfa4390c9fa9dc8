import { bundledBytes } from './bundle.bench';

const entry = "export { KeepCall } from './src/react-native/index.ts';";
for (const os of ['android', 'ios'] as const) {
  const r = await bundledBytes(entry, { os });
  console.log(os, (r.gzip / 1024).toFixed(2), 'KB');
}
