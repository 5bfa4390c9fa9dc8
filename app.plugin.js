// Expo's entry to keepcall's config plugin. The plugin is built into dist/plugin (CommonJS); this package is
// ESM, and Expo loads this file with require(), which Node 20.19+ supports for ES modules.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

export default require('./dist/plugin/index.cjs').default;
