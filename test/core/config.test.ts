import { runInNewContext } from 'node:vm';
import { describe, expect, it, vi } from 'vitest';
import { androidKit } from '../../src/core/android/kit';
import { DEFAULT_CONFIG, mergeConfig } from '../../src/core/config';
import { createKeepCall } from '../../src/core/facade';
import { createRuntime } from '../../src/core/universal';
import { checks, MAX_TEXT_LENGTH } from '../../src/core/validate';
import { createMemoryPort } from '../../src/testing';
import { invalidInput, setup } from './helpers';

const configError = (fn: () => unknown) => invalidInput(fn, 'updateConfig');

describe('updateConfig', () => {
  it('deep-merges over the documented defaults', async () => {
    const { runtime } = await setup();
    runtime.updateConfig({ foregroundService: { android: { channel: { id: 'calls' } } } });
    const { config } = runtime.getState().model;
    expect(config.foregroundService.android.channel).toEqual({
      id: 'calls',
      name: DEFAULT_CONFIG.foregroundService.android.channel.name,
    });
    expect(config.foregroundService.android.notificationTexts).toEqual(
      DEFAULT_CONFIG.foregroundService.android.notificationTexts,
    );
  });

  it('takes the seed shape, taskToRun included', async () => {
    const { runtime } = await setup();
    const taskToRun = async () => {};
    runtime.updateConfig({
      foregroundService: {
        android: {
          channel: { id: 'stream_call_foreground_service', name: 'Service to keep call alive' },
          notificationTexts: { title: 'Video call is in progress', body: 'Tap to return to the call' },
          taskToRun,
        },
      },
    });
    expect(runtime.getState().model.config.foregroundService.android.taskToRun).toBe(taskToRun);
  });

  it.each([
    [
      { foregroundService: { android: { channel: { id: '' } } } },
      'foregroundService.android.channel.id',
      '""',
      'non-empty string',
    ],
    [
      { foregroundService: { android: { taskToRun: 'run' } } },
      'foregroundService.android.taskToRun',
      '"run"',
      'a function',
    ],
    [
      { foregroundService: { android: { profile: 'voip' } } },
      'foregroundService.android.profile',
      '"voip"',
      '"media" or "phoneCall"',
    ],
    [
      { foregroundService: { android: { stopDebounceMs: -5 } } },
      'foregroundService.android.stopDebounceMs',
      '-5',
      '≥ 0',
    ],
    [{ web: { wakeLock: 'yes' } }, 'web.wakeLock', '"yes"', 'true or false'],
  ])('rejects %j naming the field, the value and what is allowed', async (input, field, value, allowed) => {
    const { runtime } = await setup();
    const error = configError(() => runtime.updateConfig(input as never));
    expect(error.message).toContain(field);
    expect(error.message).toContain(value);
    expect(error.message).toContain(allowed);
  });

  it('rejects unknown keys and lists the allowed ones', async () => {
    const { runtime } = await setup();
    const error = configError(() =>
      runtime.updateConfig({ foregroundService: { android: { chanel: { id: 'x' } } } } as never),
    );
    expect(error.message).toContain('unknown key "chanel"');
    expect(error.message).toContain('foregroundService.android');
    expect(error.message).toContain('channel');
  });

  it('rejects a patch or a section that is not a plain object, naming the keys it may hold', async () => {
    const { runtime } = await setup();
    for (const patch of [null, 'x', []]) {
      expect(configError(() => runtime.updateConfig(patch as never)).message).toMatch(
        /^updateConfig: the argument is .+; expected an object with any of the keys adoptGraceMs, foregroundService, ios, web$/,
      );
    }
    // An array has no keys, so a lax object check would merge it in place of the section.
    expect(configError(() => runtime.updateConfig({ ios: [] as never })).message).toBe(
      'updateConfig: ios is []; expected a plain object',
    );
    // A Map or a Date has no own keys either, and the merge would silently ignore what it holds.
    expect(
      configError(() => runtime.updateConfig({ ios: new Map([['appName', 'Calls']]) as never })).message,
    ).toBe('updateConfig: ios is a Map; expected a plain object');
    expect(
      configError(() =>
        runtime.updateConfig({ foregroundService: { android: { channel: new Date(0) as never } } }),
      ).message,
    ).toBe('updateConfig: foregroundService.android.channel is a Date; expected a plain object');
    expect(configError(() => runtime.updateConfig(new Map() as never)).message).toMatch(
      /^updateConfig: the argument is a Map; expected an object with any of the keys/,
    );
    expect(runtime.getState().model.config.ios).toEqual(DEFAULT_CONFIG.ios);
    // A plain object from another realm (a config module loaded in its own context) is still plain.
    runtime.updateConfig(runInNewContext("({ ios: { appName: 'Calls' } })"));
    expect(runtime.getState().model.config.ios.appName).toBe('Calls');
  });

  it('removes an optional setting given null, and refuses null for a setting that must have a value', async () => {
    const { runtime } = await setup();
    runtime.updateConfig({
      foregroundService: { android: { taskToRun: async () => {} } },
      ios: { iconTemplateImageName: 'CallIcon' },
    });
    runtime.updateConfig({
      foregroundService: { android: { taskToRun: null } },
      ios: { iconTemplateImageName: null },
    });
    const { config } = runtime.getState().model;
    expect('taskToRun' in config.foregroundService.android).toBe(false);
    expect(config.ios).toEqual(DEFAULT_CONFIG.ios);
    expect(
      configError(() => runtime.updateConfig({ foregroundService: { android: { channel: null as never } } }))
        .message,
    ).toBe('updateConfig: foregroundService.android.channel is null; expected a plain object');
    expect(
      configError(() =>
        runtime.updateConfig({ foregroundService: { android: { stopDebounceMs: null as never } } }),
      ).message,
    ).toBe(
      'updateConfig: foregroundService.android.stopDebounceMs is null; expected a number of milliseconds',
    );
    // A release build does not validate: null for a setting that must have a value keeps the value it had,
    // rather than leave a hole (a NaN linger deadline).
    const merged = mergeConfig(DEFAULT_CONFIG, {
      adoptGraceMs: null as never,
      foregroundService: { android: { stopDebounceMs: null as never, taskToRun: null } },
    });
    expect(merged.adoptGraceMs).toBe(DEFAULT_CONFIG.adoptGraceMs);
    expect(merged.foregroundService.android).toEqual(DEFAULT_CONFIG.foregroundService.android);
  });

  it('shows numbers as written and names each bad field once', async () => {
    const { runtime } = await setup();
    expect(configError(() => runtime.updateConfig({ adoptGraceMs: Number.NaN })).message).toBe(
      'updateConfig: adoptGraceMs is NaN; expected a number of milliseconds',
    );
    // Infinity is neither whole nor ≤ 600000: one line for the field, not one per failed check.
    expect(configError(() => runtime.updateConfig({ adoptGraceMs: Infinity })).message).toBe(
      'updateConfig: adoptGraceMs is Infinity; expected a whole number of milliseconds',
    );
  });

  it('keeps the previous config when a patch is rejected', async () => {
    const { runtime } = await setup();
    runtime.updateConfig({ foregroundService: { android: { channel: { id: 'first' } } } });
    configError(() =>
      runtime.updateConfig({ foregroundService: { android: { channel: { id: '' }, smallIcon: 'ok_icon' } } }),
    );
    expect(runtime.getState().model.config.foregroundService.android.channel.id).toBe('first');
    expect(runtime.getState().model.config.foregroundService.android.smallIcon).toBe(
      DEFAULT_CONFIG.foregroundService.android.smallIcon,
    );
  });
});

describe('setPushConfig', () => {
  it('the first call wins and a second is reported', async () => {
    const { runtime, errors } = await setup({ platform: { os: 'ios', declared: [] } });
    runtime.setPushConfig({ ios: { enableOngoingCalls: true } });
    runtime.setPushConfig({ ios: { enableOngoingCalls: false } });
    expect(runtime.getState().model.push.enableOngoingCalls).toBe(true);
    expect(errors().map((error) => error.code)).toContain('invalid-config');
    expect(errors().at(-1)?.message).toMatch(/twice/);
  });

  it('says so on the console when nobody listens yet, rather than lose it', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    try {
      const runtime = createRuntime({
        port: createMemoryPort('ios'),
        platform: { os: 'ios', declared: [] },
        push: { ios: { enableOngoingCalls: true } },
      });
      runtime.setPushConfig({ ios: { enableOngoingCalls: false } });
      expect(warn).toHaveBeenCalledWith(expect.stringMatching(/^keepcall: invalid-config: .*twice/));
      // With a listener, the error goes to the listener only.
      warn.mockClear();
      runtime.on(() => {});
      runtime.setPushConfig({ ios: { enableOngoingCalls: false } });
      expect(warn).not.toHaveBeenCalled();
      runtime.dispose();
    } finally {
      warn.mockRestore();
    }
  });

  it('rejects a createClient that is not a function', async () => {
    const { runtime } = await setup({ platform: { os: 'ios', declared: [] } });
    const error = configError(() => runtime.setPushConfig({ createClient: {} } as never));
    expect(error.message).toContain('createClient');
    expect(error.message).toContain('a function');
  });
});

describe('config input that used to pass (issue 14)', () => {
  it.each([
    [
      { foregroundService: { android: { channel: { id: '   ' } } } },
      'channel.id is "   "',
      'not only spaces',
    ],
    [
      { foregroundService: { android: { channel: { id: 'calls\n' } } } },
      'channel.id is "calls\\n"',
      'without control characters',
    ],
    [
      { foregroundService: { android: { channel: { id: 'a\u0000b' } } } },
      'channel.id',
      'without control characters',
    ],
    [
      { foregroundService: { android: { notificationTexts: { title: '  ' } } } },
      'notificationTexts.title is "  "',
      'not only spaces',
    ],
    [
      { foregroundService: { android: { actionLabels: { mute: ' ' } } } },
      'actionLabels.mute',
      'not only spaces',
    ],
    [{ web: { notificationTexts: { title: '\t' } } }, 'web.notificationTexts.title', 'not only spaces'],
    [{ foregroundService: { android: { stopDebounceMs: -0 } } }, 'stopDebounceMs is -0', '(0, not -0)'],
    [{ adoptGraceMs: -0 }, 'adoptGraceMs is -0', '(0, not -0)'],
  ])('rejects %j', async (input, named, allowed) => {
    const { runtime } = await setup();
    const error = configError(() => runtime.updateConfig(input as never));
    expect(error.message).toContain(named);
    expect(error.message).toContain(allowed);
  });

  it('a million-character title is refused by its start and length, against the documented maximum', async () => {
    const { runtime } = await setup();
    const title = 'x'.repeat(1_000_000);
    const error = configError(() =>
      runtime.updateConfig({ foregroundService: { android: { notificationTexts: { title } } } }),
    );
    expect(error.message).toContain(`at most ${MAX_TEXT_LENGTH} characters`);
    expect(error.message).toContain('(1000000 characters)');
    expect(error.message.length).toBeLessThan(300);
    // The documented maximum itself passes.
    runtime.updateConfig({
      foregroundService: { android: { notificationTexts: { title: title.slice(0, MAX_TEXT_LENGTH) } } },
    });
  });

  it('validates one reading and merges that same reading (a getter cannot answer differently)', async () => {
    const { runtime } = await setup();
    let reads = 0;
    const android = {
      get stopDebounceMs() {
        reads++;
        return reads === 1 ? 1000 : -5;
      },
    };
    runtime.updateConfig({ foregroundService: { android } });
    expect(runtime.getState().model.config.foregroundService.android.stopDebounceMs).toBe(1000);
    expect(reads).toBe(1);
  });

  it('the facade merges the copy it checked, also when the engine is built later', () => {
    let reads = 0;
    const android = {
      get stopDebounceMs() {
        reads++;
        return reads === 1 ? 1000 : Number.NaN;
      },
    };
    const api = createKeepCall(
      () => ({
        port: createMemoryPort('android'),
        platform: { os: 'android', apiLevel: 34, declared: [] },
        kit: androidKit,
      }),
      checks,
    );
    api.updateConfig({ foregroundService: { android } });
    expect(api.getState().model.config.foregroundService.android.stopDebounceMs).toBe(1000);
    api.runtime().dispose();
  });

  it('a throwing getter or a Proxy is a KeepCallError naming the field, not a raw Error', async () => {
    const { runtime } = await setup();
    const channel = Object.defineProperty({}, 'id', {
      enumerable: true,
      get() {
        throw new Error('not ready');
      },
    });
    expect(
      configError(() => runtime.updateConfig({ foregroundService: { android: { channel } } } as never))
        .message,
    ).toMatch(/^updateConfig: reading foregroundService\.android\.channel\.id threw \(not ready\); expected/);
    const trap = new Proxy(
      {},
      {
        ownKeys() {
          throw new Error('revoked');
        },
      },
    );
    expect(configError(() => runtime.updateConfig({ ios: trap } as never)).message).toContain(
      'reading ios threw (revoked)',
    );
    const revoked = Proxy.revocable({}, {});
    revoked.revoke();
    expect(configError(() => runtime.updateConfig(revoked.proxy as never)).message).toMatch(
      /^updateConfig: reading \(the argument\) threw/,
    );
    expect(configError(() => runtime.setPushConfig({ ios: trap } as never)).message).toContain(
      'setPushConfig: reading ios threw (revoked)',
    );
  });

  it('{ __proto__: {…} } is named for what it is, not "a Object"', async () => {
    const { runtime } = await setup();
    const message = configError(() =>
      runtime.updateConfig({ __proto__: { adoptGraceMs: 100 } } as never),
    ).message;
    expect(message).toMatch(/^updateConfig: the argument is an object with a prototype of its own/);
    expect(message).toContain('inherited keys would be ignored');
    expect(message).not.toContain('a Object');
    expect(
      configError(() => runtime.updateConfig({ ios: Object.create({ appName: 'x' }) } as never)).message,
    ).toContain('ios is an object with a prototype of its own');
  });
});

describe('the notification an app shapes (tap, its own actions, Mute)', () => {
  const android = (settings: Record<string, unknown>) => ({ foregroundService: { android: settings } });

  it.each([
    [
      android({ tap: 'launch' }),
      'updateConfig: foregroundService.android.tap is "launch"; expected { kind: "launch" }, { kind: "activity", name } or { kind: "uri", uri }',
    ],
    [
      android({ tap: { kind: 'screen' } }),
      'updateConfig: foregroundService.android.tap.kind is "screen"; expected { kind: "launch" }, { kind: "activity", name } or { kind: "uri", uri }',
    ],
    [android({ tap: { kind: 'activity' } }), 'updateConfig: foregroundService.android.tap.name is missing'],
    [
      android({ tap: { kind: 'activity', name: 'CallActivity' } }),
      'updateConfig: foregroundService.android.tap.name is "CallActivity"; expected a fully-qualified activity class name (com.example.app.CallActivity)',
    ],
    [
      android({ tap: { kind: 'uri', uri: 'call/42' } }),
      'updateConfig: foregroundService.android.tap.uri is "call/42"; expected a URI with a scheme, which the app handles (myapp://call)',
    ],
    [
      android({ tap: { kind: 'uri', uri: 'myapp://call', name: 'a.B' } }),
      'updateConfig: unknown key "name" in foregroundService.android.tap; allowed keys: kind, uri',
    ],
    [
      android({ muteAction: 'no' }),
      'updateConfig: foregroundService.android.muteAction is "no"; expected true or false',
    ],
    [
      android({ actions: { id: 'a', label: 'A' } }),
      'updateConfig: foregroundService.android.actions is {"id":"a","label":"A"}; expected a list of { id, label }',
    ],
    [
      android({
        actions: [
          { id: 'a', label: 'A' },
          { id: 'b', label: 'B' },
          { id: 'c', label: 'C' },
        ],
      }),
      'expected at most two actions',
    ],
    [
      android({
        actions: [
          { id: 'a', label: 'A' },
          { id: 'a', label: 'B' },
        ],
      }),
      'expected actions with different ids',
    ],
    [
      android({ actions: [{ id: 'mute', label: 'Mute' }] }),
      'updateConfig: foregroundService.android.actions.0.id is "mute"; expected an id other than keepcall\'s own (hangup, mute, unmute, return)',
    ],
    [
      android({ actions: [{ id: 'a' }] }),
      'updateConfig: foregroundService.android.actions.0.label is missing',
    ],
    [
      android({ actions: [{ id: 'a', label: 'A', icon: 'x' }] }),
      'updateConfig: unknown key "icon" in foregroundService.android.actions.0; allowed keys: id, label',
    ],
    [
      { web: { actions: [{ id: 'raise hand', label: 'Raise' }] } },
      'updateConfig: web.actions.0.id is "raise hand"; expected an action id (1–64 letters, digits, "_", "." or "-")',
    ],
    [
      { web: { actions: [{ id: 'return', label: 'Back' }] } },
      'updateConfig: web.actions.0.id is "return"; expected an id other than keepcall\'s own',
    ],
  ])('rejects %j naming the field, the value and what is allowed', async (input, message) => {
    const { runtime } = await setup();
    expect(configError(() => runtime.updateConfig(input as never)).message).toContain(message);
    expect(runtime.getState().model.config).toEqual(DEFAULT_CONFIG);
  });

  it('takes a valid shape, and replaces a tap target whole', async () => {
    const { runtime } = await setup();
    runtime.updateConfig(
      android({
        tap: { kind: 'activity', name: 'com.example.app.CallActivity' },
        muteAction: false,
        actions: [
          { id: 'raise-hand', label: 'Raise hand' },
          { id: 'take.note_2', label: 'Note' },
        ],
      }) as never,
    );
    runtime.updateConfig({ foregroundService: { android: { tap: { kind: 'uri', uri: 'myapp://call/1' } } } });
    const config = runtime.getState().model.config.foregroundService.android;
    expect(config.tap).toEqual({ kind: 'uri', uri: 'myapp://call/1' });
    expect(config.muteAction).toBe(false);
    expect(config.actions.map((action) => action.id)).toEqual(['raise-hand', 'take.note_2']);
    expect(mergeConfig(DEFAULT_CONFIG, { web: { actions: [{ id: 'x', label: 'X' }] } }).web.actions).toEqual([
      { id: 'x', label: 'X' },
    ]);
  });
});
