// Input validation in a React Native app: development builds check every config with valibot and
// name the field, the value and what is allowed; release builds trust the config you ran in
// development. Metro replaces __DEV__ with false in a release build and drops the dead branch with
// its require, so valibot and the messages (about 3 KB gzipped) never reach a release bundle.
import type { ConfigChecks } from '../core/engine/contract';

declare const __DEV__: boolean;
declare const require: (id: '../core/validate') => { checks: ConfigChecks };

/** The config and push checks: valibot's in development, none in a release build. */
export const checks: ConfigChecks | undefined = __DEV__ ? require('../core/validate').checks : undefined;
