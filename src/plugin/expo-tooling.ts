// Expo's config tooling, taken from the app rather than shipped with keepcall: an Expo app has it through
// `expo` (`expo/config-plugins`, as Expo's plugin guide says to import it), a bare React Native app adds
// `@expo/config-plugins`; a web app never downloads it. Loaded on first use, once per app folder.
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type * as ConfigPlugins from '@expo/config-plugins';

/** `@expo/config-plugins` as the app has it. */
export type ConfigPluginsModule = typeof ConfigPlugins;

/** What keepcall uses of Expo's tooling, all resolved from one `@expo/config-plugins` install. */
export interface ExpoTooling {
  configPlugins: ConfigPluginsModule;
  /** Where it was found (the specifier and the folder it was looked up from), for messages. */
  from: string;
  /** A package `@expo/config-plugins` itself depends on (`@expo/plist`, `@expo/require-utils`). */
  load(name: '@expo/plist' | '@expo/require-utils'): unknown;
}

/** The error for an app with neither `expo` nor `@expo/config-plugins`; the message names what to install. */
export class MissingExpoTooling extends Error {
  override readonly name = 'MissingExpoTooling';
  constructor(
    /** The folders searched. */
    readonly searched: readonly string[],
    /** Who needs it: `keepcall's config plugin`, `keepcall doctor`. */
    needer: string,
  ) {
    super(
      `${needer} needs Expo's config tooling and found none from ${searched.join(' or ')}: ` +
        'an Expo app has it with `expo` (npx expo install expo); a bare React Native app installs ' +
        '`@expo/config-plugins` (npm install --save-dev @expo/config-plugins).',
    );
  }
}

// Expo's re-export first, so the app's Expo SDK decides the version; then the package itself.
const SPECIFIERS = ['expo/config-plugins', '@expo/config-plugins'] as const;
const cache = new Map<string, ExpoTooling>();

/** Loads Expo's config tooling as the app at one of `roots` resolves it (first root first); throws MissingExpoTooling. */
export function loadExpoTooling(roots: readonly string[], needer: string): ExpoTooling {
  const searched = [...new Set(roots)];
  for (const root of searched) {
    const cached = cache.get(root);
    if (cached) return cached;
    const fromApp = createRequire(join(root, 'package.json'));
    for (const specifier of SPECIFIERS) {
      const entry = resolveFrom(fromApp, specifier);
      if (!entry) continue;
      // `expo/config-plugins` is a one-line re-export: its dependencies live next to the real package.
      const real = resolveFrom(createRequire(entry), '@expo/config-plugins') ?? entry;
      const fromPackage = createRequire(real);
      const tooling: ExpoTooling = {
        configPlugins: fromPackage(real) as ConfigPluginsModule,
        from: `${specifier} (from ${root})`,
        load: (name) => fromPackage(name),
      };
      cache.set(root, tooling);
      return tooling;
    }
  }
  throw new MissingExpoTooling(searched, needer);
}

function resolveFrom(require: NodeJS.Require, specifier: string): string | undefined {
  try {
    return require.resolve(specifier);
  } catch {
    return undefined;
  }
}
