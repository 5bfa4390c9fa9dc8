// `keepcall` outside React Native and browsers (Node, tests, tools): the engine and its types.
// Under Metro the package resolves to ./react-native, in a browser bundle to ./web.
export * from './core';
