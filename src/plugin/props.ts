// The config plugin's props: their schema, the errors for bad ones, and the resolved form both the plugin
// and `keepcall doctor` work from.
import * as v from 'valibot';
import { KeepCallError } from '../core/errors';
import type { FgsProfile } from '../core/types';

/** The object form of `androidKeepCallAlive`: narrow the service types or pick the `phoneCall` profile. */
export interface AndroidKeepCallAliveOptions {
  /** `media` (default: mediaPlayback + microphone + camera) or `phoneCall` (phoneCall + microphone + camera, A17). */
  profile?: FgsProfile;
  /** `false` for an audio-only app: no camera service type, no CAMERA permission. Default `true`. */
  camera?: boolean;
}

/** What an app writes in `"plugins": [["keepcall", { … }]]`. */
export interface KeepCallPluginProps {
  /** Declare the Android foreground service, its types and permissions. Default `false`. */
  androidKeepCallAlive?: boolean | AndroidKeepCallAliveOptions;
  /** Add the `voip` background mode (`audio` is always added). Default `false`. */
  iosKeepCallAlive?: boolean;
  /** NSMicrophoneUsageDescription when the app has none; `false` to leave it out. */
  microphonePermission?: string | false;
  /** NSCameraUsageDescription when the app has none; `false` to leave it out (audio-only apps). */
  cameraPermission?: string | false;
}

/** The props with every default applied. */
export interface ResolvedPluginProps {
  /** `null` when the app did not ask for the Android service. */
  android: { profile: FgsProfile; camera: boolean } | null;
  ios: { voip: boolean; microphonePermission: string | null; cameraPermission: string | null };
}

/** Default usage texts, used only when the app has none of its own. */
export const DEFAULT_MICROPHONE_PERMISSION = 'Allow $(PRODUCT_NAME) to use your microphone during calls';
export const DEFAULT_CAMERA_PERMISSION = 'Allow $(PRODUCT_NAME) to use your camera during video calls';

const usageText = (what: string) => {
  const expected = `a non-empty ${what} usage text, or false to leave it out`;
  // Blank is empty: App Review rejects a usage text of spaces as it does an empty one.
  const text = v.pipe(
    v.string(expected),
    v.check((value) => value.trim().length > 0, expected),
  );
  return v.union([text, v.literal(false, expected)], expected);
};

const androidOptions = v.strictObject({
  profile: v.optional(v.picklist(['media', 'phoneCall'], '"media" or "phoneCall"')),
  camera: v.optional(v.boolean('true or false')),
});

const androidKeepCallAlive = v.lazy((input) =>
  typeof input === 'object' && input !== null && !Array.isArray(input)
    ? androidOptions
    : v.boolean('true, false, or an object { profile?: "media" | "phoneCall", camera?: boolean }'),
);

const propsSchema = v.strictObject({
  androidKeepCallAlive: v.optional(androidKeepCallAlive),
  iosKeepCallAlive: v.optional(v.boolean('true or false')),
  microphonePermission: v.optional(usageText('microphone')),
  cameraPermission: v.optional(usageText('camera')),
});

const ALLOWED: Record<string, string[]> = {
  '': Object.keys(propsSchema.entries),
  androidKeepCallAlive: Object.keys(androidOptions.entries),
};

/** Checks the props; throws KeepCallError('invalid-config') naming the prop, the value given and what is allowed. */
export function parsePluginProps(input: unknown): KeepCallPluginProps {
  if (input === undefined || input === null) return {};
  if (typeof input !== 'object' || Array.isArray(input)) {
    throw invalid(
      `the props are ${show(input)}; expected an object such as { "androidKeepCallAlive": true }`,
    );
  }
  const result = v.safeParse(propsSchema, input);
  if (result.success) return result.output as KeepCallPluginProps;
  // valibot stops at an object's first unknown key; every one is named, so one prebuild shows them all.
  const unknown = unknownProps(input as Record<string, unknown>);
  const others = result.issues.filter((issue) => !isUnknownKey(issue)).map(describe);
  throw invalid([...unknown, ...others].join('; '));
}

function isUnknownKey(issue: v.BaseIssue<unknown>): boolean {
  return issue.type === 'strict_object' && issue.expected === 'never';
}

/** One message per object with keys the schema does not know, naming them all and what is allowed. */
function unknownProps(input: Record<string, unknown>): string[] {
  const android = input.androidKeepCallAlive;
  const objects: [string, unknown][] = [
    ['', input],
    ['androidKeepCallAlive', android],
  ];
  const messages: string[] = [];
  for (const [parent, value] of objects) {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) continue;
    const allowed = ALLOWED[parent] ?? [];
    const keys = Object.keys(value).filter((key) => !allowed.includes(key));
    if (keys.length === 0) continue;
    const names = keys.map((key) => `"${key}"`).join(', ');
    const where = parent ? ` in ${parent}` : '';
    messages.push(
      `unknown prop${keys.length > 1 ? 's' : ''} ${names}${where}; allowed: ${allowed.join(', ')}`,
    );
  }
  return messages;
}

/** Applies the defaults to valid props. */
export function resolvePluginProps(props: KeepCallPluginProps): ResolvedPluginProps {
  const android = props.androidKeepCallAlive;
  const options = typeof android === 'object' ? android : {};
  return {
    android: android ? { profile: options.profile ?? 'media', camera: options.camera ?? true } : null,
    ios: {
      voip: props.iosKeepCallAlive === true,
      microphonePermission: usage(props.microphonePermission, DEFAULT_MICROPHONE_PERMISSION),
      cameraPermission: usage(props.cameraPermission, DEFAULT_CAMERA_PERMISSION),
    },
  };
}

function usage(value: string | false | undefined, fallback: string): string | null {
  if (value === false) return null;
  return value ?? fallback;
}

function invalid(detail: string): KeepCallError {
  return new KeepCallError('invalid-config', `keepcall config plugin: ${detail}`);
}

function describe(issue: v.BaseIssue<unknown>): string {
  const keys = (issue.path ?? []).map((item) => String(item.key));
  return `${keys.join('.')} is ${show(issue.input)}; expected ${issue.message}`;
}

function show(value: unknown): string {
  if (value === undefined) return 'undefined';
  const json = JSON.stringify(value) ?? String(value);
  return json.length > 60 ? `${json.slice(0, 57)}...` : json;
}
