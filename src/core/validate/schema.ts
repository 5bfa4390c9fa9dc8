// What users may pass to updateConfig and setPushConfig, as valibot schemas: each check's message says what
// is allowed, so an error can name it.
import * as v from 'valibot';
import { isPlain } from './read';

/** Any valibot schema, as the error description walks them. */
export type AnySchema = v.GenericSchema;

/**
 * The longest text keepcall passes on: Android's Notification.Builder cuts every CharSequence at 5120
 * characters (MAX_CHARSEQUENCE_LENGTH), so a longer one would be shown cut, not as given.
 */
export const MAX_TEXT_LENGTH = 5120;
/** NotificationChannel cuts its id and name at 1000 characters: a longer id would name another channel. */
export const MAX_CHANNEL_LENGTH = 1000;

const blank = (value: string) => value.trim() === '';
// C0 and C1 controls and DEL: nothing Android shows, and a channel id must be typed back exactly.
const CONTROL = /\p{Cc}/u;
const bounded = (max: number) => v.check((value: string) => value.length <= max, `at most ${max} characters`);
const text = (what: string) =>
  v.pipe(
    v.string('a string'),
    v.check((value) => !blank(value), `${what} (a non-empty string, not only spaces)`),
    v.check((value) => !CONTROL.test(value), `${what} without control characters`),
    bounded(MAX_CHANNEL_LENGTH),
  );
const label = () =>
  v.pipe(
    v.string('a string'),
    v.check((value) => !blank(value), 'a non-empty string, not only spaces'),
    bounded(MAX_TEXT_LENGTH),
  );
const body = () => v.pipe(v.string('a string'), bounded(MAX_TEXT_LENGTH));
const flag = () => v.boolean('true or false');
const milliseconds = () =>
  v.pipe(
    v.number('a number of milliseconds'),
    v.integer('a whole number of milliseconds'),
    v.minValue(0, 'a number of milliseconds ≥ 0'),
    v.maxValue(600_000, 'a number of milliseconds ≤ 600000'),
    // -0 passes ≥ 0 but is no setting anyone means; say so rather than store it.
    v.check((value) => !Object.is(value, -0), 'a number of milliseconds ≥ 0 (0, not -0)'),
  );
const fn = () => v.function('a function');
// valibot's strictObject takes an array, a Map or a Date for an object with no keys, which the merge
// would then ignore: a config section must be a plain object.
const section = <T extends v.ObjectEntries>(entries: T) =>
  v.pipe(v.custom<Record<string, unknown>>(isPlain, 'a plain object'), v.strictObject(entries));
// An optional setting that can also be removed again with null.
const removable = <T extends AnySchema>(schema: T) => v.optional(v.nullable(schema));

// The app's own buttons: few (Android shows two besides Hang up, Chromium two in all), each id once, and
// none named like keepcall's own, so an id always says whose button it is.
const RESERVED_ACTIONS = ['hangup', 'mute', 'unmute', 'return'];
const appActions = () =>
  v.pipe(
    v.array(
      v.strictObject({
        id: v.pipe(
          v.string('an action id'),
          v.regex(/^[\w.-]{1,64}$/, 'an action id (1–64 letters, digits, "_", "." or "-")'),
          v.notValues(RESERVED_ACTIONS, `an id other than keepcall's own (${RESERVED_ACTIONS.join(', ')})`),
        ),
        label: label(),
      }),
      'a list of { id, label }',
    ),
    v.maxLength(2, 'at most two actions'),
    v.check(
      (actions) => new Set(actions.map((action) => action.id)).size === actions.length,
      'actions with different ids',
    ),
  );

const tapSchema = v.variant(
  'kind',
  [
    v.strictObject({ kind: v.literal('launch') }),
    v.strictObject({
      kind: v.literal('activity'),
      name: v.pipe(
        v.string('an activity class name'),
        v.regex(
          /^[A-Za-z_$][\w$]*(\.[A-Za-z_$][\w$]*)+$/,
          'a fully-qualified activity class name (com.example.app.CallActivity)',
        ),
      ),
    }),
    v.strictObject({
      kind: v.literal('uri'),
      uri: v.pipe(
        v.string('a URI'),
        v.regex(/^[A-Za-z][A-Za-z0-9+.-]*:\S+$/, 'a URI with a scheme, which the app handles (myapp://call)'),
      ),
    }),
  ],
  '{ kind: "launch" }, { kind: "activity", name } or { kind: "uri", uri }',
);

const androidSchema = section({
  channel: v.optional(
    section({ id: v.optional(text('a channel id')), name: v.optional(text('a channel name')) }),
  ),
  notificationTexts: v.optional(section({ title: v.optional(label()), body: v.optional(body()) })),
  actionLabels: v.optional(
    section({ hangup: v.optional(label()), mute: v.optional(label()), unmute: v.optional(label()) }),
  ),
  smallIcon: v.optional(
    v.pipe(
      v.string('a drawable resource name'),
      v.regex(/^[a-z][a-z0-9_]*$/, 'a drawable resource name (lowercase letters, digits, underscores)'),
    ),
  ),
  profile: removable(
    v.picklist(['media', 'phoneCall'], '"media" or "phoneCall", or null to follow the manifest'),
  ),
  lockScreenVisibility: v.optional(
    v.picklist(['public', 'private', 'secret'], '"public", "private" or "secret"'),
  ),
  stopDebounceMs: v.optional(milliseconds()),
  endOnTaskRemoved: v.optional(flag()),
  taskToRun: removable(v.function('a function, or null to remove it')),
  tap: v.optional(tapSchema),
  muteAction: v.optional(flag()),
  actions: v.optional(appActions()),
});

/** What updateConfig takes. */
export const configSchema = v.strictObject({
  adoptGraceMs: v.optional(milliseconds()),
  foregroundService: v.optional(section({ android: v.optional(androidSchema) })),
  ios: v.optional(
    section({
      appName: v.optional(body()),
      supportsVideo: v.optional(flag()),
      includesCallsInRecents: v.optional(flag()),
      iconTemplateImageName: removable(
        v.pipe(
          v.string('a string, or null to remove it'),
          v.check((value) => !blank(value), 'a non-empty string, not only spaces'),
        ),
      ),
    }),
  ),
  web: v.optional(
    section({
      mediaSession: v.optional(flag()),
      notification: v.optional(flag()),
      pictureInPicture: v.optional(v.picklist(['video', 'always', 'never'], '"video", "always" or "never"')),
      wakeLock: v.optional(flag()),
      beforeUnloadGuard: v.optional(flag()),
      notificationTexts: v.optional(section({ title: v.optional(label()), body: v.optional(body()) })),
      actionLabels: v.optional(section({ return: v.optional(label()), hangup: v.optional(label()) })),
      actions: v.optional(appActions()),
    }),
  ),
});

/** What setPushConfig takes. */
export const pushSchema = v.strictObject({
  ios: v.optional(section({ enableOngoingCalls: v.optional(flag()) })),
  createClient: v.optional(fn()),
});
