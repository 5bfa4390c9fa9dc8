/** Property names private to keepcall's engine, shortened in dist/rn and in the bundle bench. */
export declare const MANGLED_NAMES: readonly string[];
/** esbuild's `mangleProps`: exactly MANGLED_NAMES. */
export declare const MANGLE_PROPS: RegExp;
