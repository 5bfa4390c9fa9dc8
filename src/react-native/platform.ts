// What the binding needs from the engine on a platform Metro has no file for (and in Node tests):
// every kit, and input always validated. Metro picks platform.android.ts or platform.ios.ts instead.
export { kitFor } from '../core/kits';
export { checks } from './checks';
