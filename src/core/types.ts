// The shared vocabulary of keepcall, in one import: the model's calls and platform, each platform's
// keeper parts, the commands, the port contract and the events that flow back. Pure types, no platform
// imports; each theme lives in its own file under ./types/.

export type { KeepCallErrorCode } from './errors';
export type * from './types/android';
export type * from './types/callkit';
export type * from './types/calls';
export type * from './types/platform';
export type * from './types/port';
export type * from './types/web';
