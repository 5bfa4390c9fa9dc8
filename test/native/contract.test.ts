// The TurboModule spec is the only door to native code: codegen must accept it, and the Kotlin, Swift
// and ObjC++ sources must implement exactly its methods and events (lists derived from the schema). An
// app builds it with its own React Native's codegen, so every check runs with 0.76's and the newest.
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type {
  ActionSource,
  AppState,
  CallKitAudio,
  CallKitCall,
  CallKitEndReason,
  CallKitHandle,
  LockScreenVisibility,
  NotificationAction,
  NotificationActionId,
  NotificationSpec,
  NotificationTap,
  Os,
  Permission,
} from '../../src/core/types';
import {
  CODEGENS,
  codegenSchema,
  documentedValues,
  filesUnder,
  generatedSpecs,
  type ModuleSchema,
  objcSelectors,
  ROOT,
  readAll,
  type SchemaField,
  specDir,
} from './sources';

const kotlin = readAll(filesUnder(join(ROOT, 'android/src'), ['.kt']));
const swift = readAll(filesUnder(join(ROOT, 'ios'), ['.swift']));
const objcxx = readAll(filesUnder(join(ROOT, 'ios'), ['.mm']));
const kotlinModule = readAll([join(ROOT, 'android/src/main/java/dev/keepcall/KeepCallModule.kt')]);
const documented = documentedValues(join(ROOT, 'src/react-native/NativeKeepCall.ts'));

const unique = (items: Iterable<string>) => [...new Set(items)].sort();
const matches = (text: string, pattern: RegExp, group = 1) =>
  unique([...text.matchAll(pattern)].map((m) => m[group] ?? ''));
const pascal = (name: string) => name[0]?.toUpperCase() + name.slice(1);
/** The string values a spec field's doc comment lists. */
const values = (alias: string, field: string) => documented[alias]?.[field] ?? [];
/** A function's text, from its signature to the first blank line. */
const block = (source: string, signature: string) => {
  const start = source.indexOf(signature);
  expect(start, signature).toBeGreaterThanOrEqual(0);
  return source.slice(start, source.indexOf('\n\n', start));
};
/** Exactly a union's members: the compiler refuses a key too many or too few. */
const every = <T extends string>(members: Record<T, true>) => Object.keys(members).sort();

const HANDLE_TYPES = every<CallKitHandle['type']>({ generic: true, phoneNumber: true, emailAddress: true });

/**
 * What the binding turns each documented string into: values going up must be keepcall's (the binding
 * asserts its types on them), values going down must cover keepcall's (native code draws each).
 */
const KEEPCALL_TYPES: Record<string, Record<string, string[]>> = {
  NativeNotificationAction: {
    id: every<NotificationActionId>({ hangup: true, mute: true, unmute: true }),
    kind: every<Extract<NotificationAction, { kind: string }>['kind']>({ app: true }),
  },
  NativeNotificationTap: {
    kind: every<NotificationTap['kind']>({ launch: true, activity: true, uri: true }),
  },
  NativeNotificationSpec: {
    category: every<NotificationSpec['category']>({ call: true }),
    visibility: every<LockScreenVisibility>({ public: true, private: true, secret: true }),
  },
  NativeCallKitCall: { phase: ['connected', 'connecting'] satisfies CallKitCall['phase'][] },
  NativeCallKitConfig: { handleType: HANDLE_TYPES },
  NativeCallKitStart: {
    handleType: HANDLE_TYPES,
    audioCategory: every<CallKitAudio['category']>({ playAndRecord: true }),
    audioMode: every<CallKitAudio['mode']>({ voiceChat: true, videoChat: true }),
  },
  NativeCallKitUpdate: { handleType: HANDLE_TYPES },
  NativePermissions: {
    camera: ['denied', 'granted'] satisfies Permission[],
    microphone: ['denied', 'granted'] satisfies Permission[],
    notifications: ['denied', 'granted'] satisfies Permission[],
  },
  NativePlatformInfo: {
    appState: ['active', 'background', 'destroyed', 'pip'] satisfies AppState[],
    os: ['android', 'ios'] satisfies Os[],
  },
  NativeHangupEvent: { source: ['callkit', 'notification'] satisfies ActionSource[] },
  NativeMuteEvent: { source: ['callkit', 'notification'] satisfies ActionSource[] },
  NativeHoldEvent: { source: ['callkit', 'notification'] satisfies ActionSource[] },
  NativeAppStateEvent: { state: ['active', 'background', 'destroyed', 'pip'] satisfies AppState[] },
  NativeCallKitEndedEvent: { reason: ['failed', 'local', 'remote'] satisfies CallKitEndReason[] },
};

describe.each(CODEGENS)('codegen $version', (codegen) => {
  let module: ModuleSchema;
  let methods: string[];
  let events: string[];
  let java: string;
  let objc: string;

  beforeAll(() => {
    const schema = codegenSchema(join(ROOT, 'src/react-native'), codegen);
    module = schema.modules.NativeKeepCall as ModuleSchema;
    methods = module.spec.methods.map((m) => m.name);
    events = module.spec.eventEmitters.map((e) => e.name);
    ({ java, objc } = generatedSpecs(schema, codegen));
  });

  describe('the spec', () => {
    it('is accepted as the KeepCall module with commands, snapshot and events', () => {
      expect(module.moduleName).toBe('KeepCall');
      expect(methods).toEqual(
        expect.arrayContaining(['snapshot', 'startService', 'startCallKitCall', 'getPlatformInfo']),
      );
      expect(events).toEqual(expect.arrayContaining(['onHangup', 'onServiceNarrowed', 'onCallKitEnded']));
    });

    it('is refused when codegen cannot generate code for it (so the check above can fail)', () => {
      const broken = specDir(`import type { TurboModule } from 'react-native';
import { TurboModuleRegistry } from 'react-native';
import type { EventEmitter } from 'react-native/Libraries/Types/CodegenTypes';
export interface Spec extends TurboModule {
  readonly onThing?: EventEmitter<string> | null;
}
export default TurboModuleRegistry.getEnforcing<Spec>('Broken');
`);
      expect(() => codegenSchema(broken, codegen)).toThrow(/EventEmitter/);
    });
  });

  describe('Android (Kotlin)', () => {
    it('overrides every abstract method of the generated Java spec with the same parameters', () => {
      const abstract = [...java.matchAll(/public abstract \S+ (\w+)\(([^)]*)\)/g)].map((m) => ({
        name: m[1] ?? '',
        params: (m[2] ?? '').split(',').filter((p) => p.trim()).length,
      }));
      expect(unique(abstract.map((a) => a.name))).toEqual(unique(methods));
      for (const { name, params } of abstract) {
        const override = kotlinModule.match(new RegExp(`override fun ${name}\\(([^)]*)\\)`));
        expect(override, `KeepCallModule.kt overrides ${name}`).not.toBeNull();
        expect((override?.[1] ?? '').split(',').filter((p) => p.trim()).length, name).toBe(params);
      }
    });

    it('exposes no method to JavaScript that the spec lacks', () => {
      const promiseMethods = matches(kotlin, /override fun (\w+)\([^)]*: Promise\)/g);
      const annotated = matches(kotlin, /@ReactMethod[^\n]*\n\s*override fun (\w+)/g);
      for (const name of [...promiseMethods, ...annotated]) expect(methods, name).toContain(name);
    });

    it('emits only events of the generated spec', () => {
      const generated = matches(java, /protected final void (emitOn\w+)\(/g);
      const emitted = matches(kotlin, /\b(emitOn\w+)\(/g);
      expect(emitted.length).toBeGreaterThan(0);
      for (const name of emitted) expect(generated, name).toContain(name);
    });
  });

  describe('iOS (Swift and the ObjC++ glue)', () => {
    it('implements every selector of the generated protocol in KeepCall.mm, and no other spec-like one', () => {
      const start = objc.indexOf('@protocol NativeKeepCallSpec');
      const protocol = objcSelectors(objc.slice(start, objc.indexOf('@end', start)));
      const implemented = objcSelectors(objcxx);
      expect(protocol.length).toBe(methods.length);
      for (const selector of protocol) expect(implemented, selector).toContain(selector);
      const promiseLike = implemented.filter((s) => s.endsWith('resolve:reject:') || s.endsWith('reject:'));
      for (const selector of promiseLike) expect(protocol, selector).toContain(selector);
    });

    it('names every spec method in Swift and exposes no other', () => {
      expect(matches(swift, /@objc public func (\w+)\(/g)).toEqual(unique(methods));
    });

    it('sends only spec events, each dispatched to its generated emitter', () => {
      const sent = matches(swift, /send\("(on\w+)"/g);
      expect(sent.length).toBeGreaterThan(0);
      const generated = matches(objc, /- \(void\)(emitOn\w+)/g);
      for (const name of sent) {
        expect(events, name).toContain(name);
        expect(objcxx, name).toContain(`@"${name}"`);
        expect(generated).toContain(`emit${pascal(name)}`);
        expect(objcxx).toContain(`emit${pascal(name)}`);
      }
      for (const name of matches(objcxx, /\b(emitOn\w+)\b/g)) expect(generated, name).toContain(name);
    });
  });

  it('every spec event is emitted by Android or iOS', () => {
    const emitted = new Set([
      ...matches(kotlin, /\bemit(On\w+)\(/g).map((n) => `o${n.slice(1)}`),
      ...matches(swift, /send\("(on\w+)"/g),
    ]);
    expect(unique(emitted)).toEqual(unique(events));
  });

  describe('payload fields', () => {
    const fields = (alias: string): SchemaField[] => module.aliasMap[alias]?.properties ?? [];
    const names = (alias: string, which: 'all' | 'required' = 'all') =>
      unique(fields(alias).flatMap((f) => (which === 'all' || !f.optional ? [f.name] : [])));
    const kotlinKeys = (signature: string) => matches(block(kotlinModule, signature), /"(\w+)" to /g);

    it('Kotlin sends every field of NativePlatformInfo, the app state and permissions included', () => {
      expect(kotlinKeys('override fun getPlatformInfo')).toEqual(names('NativePlatformInfo'));
    });

    it('Swift sends every required field of NativePlatformInfo and no unknown one', () => {
      const sent = matches(block(swift, 'func getPlatformInfo'), /"(\w+)":/g);
      expect(sent).toEqual(expect.arrayContaining(names('NativePlatformInfo', 'required')));
      for (const name of sent) expect(names('NativePlatformInfo'), name).toContain(name);
    });

    it("Swift's snapshot reports the provider settings it was last sent: exactly NativeCallKitConfig's fields", () => {
      expect(names('NativeSnapshot')).toContain('provider');
      expect(block(swift, 'func snapshot(')).toMatch(/"provider": configured\b/);
      // Kept in configureCallKit from its parameters, each under the spec's name: `"name": name` or,
      // optional, `configured?["name"] = name`.
      const configure = block(swift, '@objc public func configureCallKit(');
      const kept = [...configure.matchAll(/"(\w+)"(?::|\] =) (\w+)/g)];
      expect(unique(kept.map((m) => m[1] ?? ''))).toEqual(names('NativeCallKitConfig'));
      for (const [, key, value] of kept) expect(value, key).toBe(key);
    });

    it('Kotlin reads exactly the permissions NativePermissions names, and reports them with the app state', () => {
      expect(kotlinKeys('private fun permissions')).toEqual(names('NativePermissions'));
      expect(kotlinKeys('private fun appState')).toEqual(names('NativeAppStateEvent'));
    });

    it('lists values only for string fields', () => {
      for (const [alias, byField] of Object.entries(documented)) {
        for (const name of Object.keys(byField)) {
          const type = fields(alias).find((f) => f.name === name)?.typeAnnotation;
          expect((type?.typeAnnotation ?? type)?.type, `${alias}.${name}`).toBe('StringTypeAnnotation');
        }
      }
    });
  });
});

describe('values the spec documents for its string fields', () => {
  it('are the ones keepcall types give them', () => {
    expect(documented).toEqual(KEEPCALL_TYPES);
  });

  it('Kotlin reports only app states the spec lists, at start and from the Activity lifecycle', () => {
    const reported = matches(kotlinModule, /appState\("(\w+)"\)/g);
    expect(reported).toEqual(values('NativeAppStateEvent', 'state'));
    const initial = matches(block(kotlinModule, 'private var state'), /-> "(\w+)"/g);
    expect(initial.length).toBeGreaterThan(0);
    for (const state of initial) expect(values('NativePlatformInfo', 'appState'), state).toContain(state);
  });

  it('Kotlin and Swift send only the os, permission states, phases, sources and reasons the spec lists', () => {
    const sent = (text: string, pattern: RegExp) => {
      const found = matches(text, pattern);
      expect(found.length, String(pattern)).toBeGreaterThan(0);
      return found;
    };
    const within = (found: string[], alias: string, field: string) => {
      for (const value of found) expect(values(alias, field), `${alias}.${field}`).toContain(value);
    };
    within(sent(kotlinModule, /"os" to "(\w+)"/g), 'NativePlatformInfo', 'os');
    within(sent(swift, /"os": "(\w+)"/g), 'NativePlatformInfo', 'os');
    const permissions = `${block(kotlinModule, 'private fun permissions')}\n${block(kotlinModule, 'private fun granted')}`;
    within(sent(permissions, /"(\w+)"(?! to)/g), 'NativePermissions', 'camera');
    within(sent(kotlinModule, /"source" to "(\w+)"/g), 'NativeHangupEvent', 'source');
    within(sent(swift, /"source": "(\w+)"/g), 'NativeMuteEvent', 'source');
    within(sent(swift, /"reason": "(\w+)"/g), 'NativeCallKitEndedEvent', 'reason');
    const phase = swift.split('\n').find((line) => line.includes('"phase":')) ?? '';
    within(sent(phase.replace('"phase":', ''), /"(\w+)"/g), 'NativeCallKitCall', 'phase');
  });

  it('catch a value the spec does not list (so the checks above can fail)', () => {
    expect(values('NativeAppStateEvent', 'state')).not.toContain('inactive');
    expect(values('NativeCallKitEndedEvent', 'reason')).not.toContain('unanswered');
  });
});

it('codegen 0.76 refuses string-literal types, which is why the spec has none', () => {
  const [oldest] = CODEGENS;
  expect(oldest?.version).toMatch(/^0\.76\./);
  // Named as ours, so that generatedSpecs finds what codegen writes for the one it accepts.
  const spec = (type: string, method: string) =>
    specDir(
      `import type { TurboModule } from 'react-native';
import { TurboModuleRegistry } from 'react-native';
export type Thing = { kind: ${type} };
export interface Spec extends TurboModule {
  ${method};
}
export default TurboModuleRegistry.getEnforcing<Spec>('KeepCall');
`,
      'NativeKeepCall',
    );
  expect(() => codegenSchema(spec("'a'", 'get(): Thing'), oldest)).toThrow(/TSLiteralType/);
  const union = codegenSchema(spec("'a' | 'b'", 'set(thing: Thing): void'), oldest);
  expect(() => generatedSpecs(union, oldest)).toThrow(/Union types are unsupported/);
  expect(() =>
    generatedSpecs(codegenSchema(spec('string', 'set(thing: Thing): void'), oldest), oldest),
  ).not.toThrow();
});

describe('Android library manifest and wiring', () => {
  const manifest = readAll([join(ROOT, 'android/src/main/AndroidManifest.xml')]);
  const element = (name: string) =>
    manifest.match(new RegExp(`<(service|receiver|activity)[^>]*"dev\\.keepcall\\.${name}"[^>]*>`))?.[0] ??
    '';

  it('declares the service unexported with every type keepcall may ask for (A3, A11)', () => {
    const service = element('KeepCallService');
    expect(service).toContain('android:exported="false"');
    const types = service
      .match(/foregroundServiceType="([^"]+)"/)?.[1]
      ?.split('|')
      .sort();
    expect(types).toEqual(['camera', 'mediaPlayback', 'microphone', 'phoneCall']);
  });

  it('declares the action receiver, the headless-task service and the tap activity unexported (A11)', () => {
    expect(element('KeepCallActionReceiver')).toContain('android:exported="false"');
    expect(element('KeepCallTaskService')).toContain('android:exported="false"');
    // It finishes in onCreate: a window of its own would flash over the activity the tap opens.
    expect(element('KeepCallTapActivity')).toMatch(/exported="false"[\s\S]*Theme\.NoDisplay/);
  });

  it('starts the headless task under the key the binding registers', () => {
    const binding = readAll([join(ROOT, 'src/react-native/binding.ts')]);
    const key = binding.match(/HEADLESS_TASK = '(\w+)'/)?.[1];
    expect(key).toBeDefined();
    expect(kotlin).toContain(`HeadlessJsTaskConfig("${key}"`);
  });

  it('builds PendingIntents immutable and opens the launch activity directly (A11)', () => {
    const intents = [
      ...kotlin.matchAll(/PendingIntent\.get(Activities|Activity|Broadcast)\(([\s\S]*?)\n\s*\)/g),
    ];
    expect(intents.length).toBeGreaterThanOrEqual(2);
    for (const intent of intents) expect(intent[2]).toContain('FLAG_IMMUTABLE');
    expect(kotlin).not.toMatch(/PendingIntent\.getService/);
    expect(kotlin).toContain('getLaunchIntentForPackage');
  });
});
