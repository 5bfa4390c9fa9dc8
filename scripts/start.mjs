// `npm start`: the keepcall demo — a call page and its signaling server on 127.0.0.1.
// TypeScript runs through tsx (a dev dependency); the page is bundled at start with esbuild.
import { register } from 'tsx/esm/api';

register();
const { startDemo } = await import('../examples/demo/server.ts');
const port = Number(process.env.PORT ?? 8080);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`PORT must be an integer between 0 and 65535, got '${process.env.PORT}'`);
  process.exit(1);
}
const demo = await startDemo({ port }).catch((error) => {
  if (error?.code === 'EADDRINUSE') {
    console.error(
      `Port ${port} is in use: start with another one, e.g. PORT=${port + 1} npm start (PORT=0 picks a free one).`,
    );
  } else {
    console.error(`The demo could not start: ${error?.message ?? error}`);
  }
  process.exit(1);
});
console.log(`keepcall demo: ${demo.url}  (PORT=${demo.port}; set PORT to change it)`);
console.log('Open it in two or more tabs, join the same room, then switch tabs to see keepcall at work.');
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => demo.close().then(() => process.exit(0)));
}
