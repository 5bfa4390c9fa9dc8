/** Returns the folder holding the unpacked expo-template-bare-minimum@58, fetching it on first use. */
export function fetchTemplate(): string;
