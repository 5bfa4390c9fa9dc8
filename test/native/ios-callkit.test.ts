// Issue 16, read in the Swift and ObjC++ sources (they cannot be compiled here): who owns WebRTC's audio,
// the hold capability, CallKit's error names, the module's setup, the call observer, and decisions that
// must come from JavaScript. What the device then does is the iOS model's (test/testing/ios/device.test.ts,
// test/react-native/ios.test.ts); each check here names the Swift that model relies on.
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { CALLKIT_TRANSACTION_ERRORS } from '../../src/core/ios/errors';
import { CODEGENS, codegenSchema, documentedValues, type ModuleSchema, ROOT, readAll } from './sources';

const swift = readAll([join(ROOT, 'ios/KeepCallCallKit.swift')]);
const objcxx = readAll([join(ROOT, 'ios/KeepCall.mm')]);
const documented = documentedValues(join(ROOT, 'src/react-native/NativeKeepCall.ts'));

/** The body of the declaration that starts with `signature` (its first `{` ending a line), braces matched. */
function body(source: string, signature: string): string {
  const start = source.indexOf(signature);
  expect(start, signature).toBeGreaterThanOrEqual(0);
  const open = source.indexOf('{\n', start + signature.length);
  let depth = 0;
  for (let i = open; i < source.length; i++) {
    if (source[i] === '{') depth++;
    if (source[i] === '}' && --depth === 0) return source.slice(open + 1, i);
  }
  throw new Error(`unbalanced braces after ${signature}`);
}

const configure = () => body(swift, '@objc public func configureCallKit(');
const start = () => body(swift, '@objc public func startCallKitCall(');
const performStart = () => body(swift, 'perform action: CXStartCallAction)');
const RTC_AUDIO = /useManualAudio|isAudioEnabled|takeAudio/;

describe('1. WebRTC goes manual only for a CallKit call, and gets its audio back', () => {
  it('configureCallKit leaves WebRTC audio alone, so reconfiguring never silences a live call', () => {
    expect(configure()).not.toMatch(RTC_AUDIO);
  });

  it('audio goes manual (disabled until didActivate) when CallKit performs a start, and nowhere else', () => {
    expect(body(swift, 'private func takeAudio()')).toMatch(
      /setValue\(true, forKey: "useManualAudio"\)[\s\S]*setValue\(false, forKey: "isAudioEnabled"\)/,
    );
    expect(performStart()).toContain('takeAudio()');
    expect(swift.match(/takeAudio\(\)/g)).toHaveLength(2); // its declaration and that call
  });

  it('WebRTC gets its own audio back once no call is left: refused or timed-out start, reset, end, deactivation', () => {
    const release = body(swift, 'private func releaseAudioIfIdle()');
    expect(release).toMatch(/guard ownsAudio, calls\.isEmpty/);
    expect(release).toContain('setValue(false, forKey: "useManualAudio")');
    const failure = start().slice(start().indexOf('onFailure:'));
    expect(failure).toContain('releaseAudioIfIdle()');
    for (const signature of [
      'func providerDidReset(',
      'timedOutPerforming action: CXAction)',
      'perform action: CXEndCallAction)',
      '@objc public func endCallKitCall(',
      'didDeactivate audioSession: AVAudioSession)',
      'callChanged call: CXCall)',
    ]) {
      expect(body(swift, signature), signature).toContain('releaseAudioIfIdle()');
    }
  });

  it('the audio session is the one JavaScript sent, set when the start is performed', () => {
    expect(performStart()).toMatch(/setCategory\(call\.category, mode: call\.mode, options: call\.options\)/);
    expect(start()).toMatch(/options: call\.allowBluetooth \? \[\.allowBluetooth\] : \[\]/);
  });
});

describe('2. a started call is reported holdable, with what JavaScript computed', () => {
  it('after a successful start, a CXCallUpdate carries the handle, video and every capability sent', () => {
    const text = start();
    for (const field of [
      'supportsHolding',
      'supportsGrouping',
      'supportsUngrouping',
      'supportsDTMF',
      'hasVideo',
    ])
      expect(text, field).toContain(`update.${field} = call.${field}`);
    expect(text).toContain('update.remoteHandle = handle');
    expect(text.slice(text.indexOf('onSuccess:'), text.indexOf('onFailure:'))).toContain(
      'reportCall(with: id, updated: update)',
    );
  });

  describe.each(CODEGENS)('every NativeCallKitStart field reaches Swift (codegen $version)', (codegen) => {
    let fields: string[];
    beforeAll(() => {
      const module = codegenSchema(join(ROOT, 'src/react-native'), codegen).modules
        .NativeKeepCall as ModuleSchema;
      fields = (module.aliasMap.NativeCallKitStart?.properties ?? []).map((f) => f.name);
    });

    it('KeepCall.mm copies each into a KeepCallStart, which declares each', () => {
      expect(fields.length).toBeGreaterThanOrEqual(13);
      const declared = body(swift, 'public final class KeepCallStart: NSObject');
      for (const field of fields) {
        expect(objcxx, field).toContain(`start.${field} = call.${field}();`);
        expect(declared, field).toMatch(new RegExp(`@objc public var ${field}\\b`));
      }
    });
  });
});

describe('3. CallKit refusals cross the bridge by name', () => {
  it('the reject code is the CXErrorCodeRequestTransactionError name, exactly the names TypeScript maps', () => {
    const names = [...body(swift, 'private static func errorName(').matchAll(/return "(\w+)"/g)].map(
      (m) => m[1],
    );
    expect(names.filter((name) => name !== 'callkit-transaction-failed').sort()).toEqual(
      [...CALLKIT_TRANSACTION_ERRORS].sort(),
    );
    expect(body(swift, 'private func transact(')).toMatch(
      /let name = Self\.errorName\(error\)[\s\S]*reject\(name,/,
    );
  });
});

describe('4. and 5. KeepCall.mm', () => {
  it('needs no main-queue setup: init only hands the event callback over', () => {
    expect(objcxx).toMatch(/\+\s*\(BOOL\)requiresMainQueueSetup\s*\{\s*return NO;\s*\}/);
    expect(body(objcxx, '- (instancetype)init')).not.toMatch(
      /UIApplication|UIScreen|dispatch_get_main_queue/,
    );
  });

  it('imports CallKit, AVFoundation and UIKit before the generated Swift header (Clang modules off)', () => {
    const header = objcxx.indexOf('keepcall-Swift.h');
    for (const framework of ['CallKit/CallKit.h', 'AVFoundation/AVFoundation.h', 'UIKit/UIKit.h']) {
      const at = objcxx.indexOf(`#import <${framework}>`);
      expect(at, framework).toBeGreaterThanOrEqual(0);
      expect(at, framework).toBeLessThan(header);
    }
  });
});

describe('6. CXCallObserver catches up asynchronously', () => {
  it('snapshot keeps every call keepcall started: the observer only adds the phase and hold it saw', () => {
    const snapshot = body(swift, '@objc public func snapshot(');
    expect(snapshot).not.toMatch(/calls = calls\.filter|calls\.remove/);
    expect(snapshot).toMatch(/calls\.map/);
  });

  it('endCallKitCall decides from the calls keepcall holds, not from the observer', () => {
    const end = body(swift, '@objc public func endCallKitCall(');
    expect(end).not.toContain('callObserver');
    expect(end).toContain('guard let call = calls.removeValue(forKey: id) else { return resolve(nil) }');
  });

  it("a call is forgotten when the observer reports it ended (the observer's delegate is set)", () => {
    expect(body(swift, 'private override init()')).toContain(
      'controller.callObserver.setDelegate(self, queue: nil)',
    );
    expect(body(swift, 'callChanged call: CXCall)')).toMatch(
      /guard call\.hasEnded, let ours = calls\.removeValue\(forKey: call\.uuid\)/,
    );
  });
});

describe('decisions come from JavaScript: Swift only executes', () => {
  it('no category, mode, Bluetooth option, call group or handle is chosen in Swift', () => {
    expect(swift).not.toMatch(/maximumCallsPerCallGroup = \d|maximumCallGroups = \d/);
    expect(swift).not.toMatch(/supportedHandleTypes = \[\.generic\]/);
    expect(swift).not.toMatch(/CXHandle\(type: \.generic/);
    expect(swift).not.toMatch(/value: displayName \?\? callId/);
    expect(swift).not.toMatch(/isVideo \? \.videoChat : \.voiceChat/);
    expect(configure()).toMatch(/config\.maximumCallGroups = maximumCallGroups/);
    expect(configure()).toMatch(/config\.maximumCallsPerCallGroup = maximumCallsPerCallGroup/);
    expect(start()).toMatch(/CXHandle\(type: type, value: call\.handleValue\)/);
  });

  it('every value the spec lists for handleType, audioCategory and audioMode has its Swift counterpart', () => {
    const tables = {
      handleType: 'private static let handleTypes',
      audioCategory: 'private static let categories',
      audioMode: 'private static let modes',
    };
    for (const [field, declaration] of Object.entries(tables)) {
      const line = swift.slice(swift.indexOf(declaration), swift.indexOf(']\n', swift.indexOf(declaration)));
      const keys = [...line.matchAll(/"(\w+)": \./g)].map((m) => m[1]).sort();
      expect(keys, field).toEqual(documented.NativeCallKitStart?.[field]);
    }
    expect(documented.NativeCallKitConfig?.handleType).toEqual(documented.NativeCallKitStart?.handleType);
  });
});

describe("7. a live call's video and name reach CallKit (callkit.update)", () => {
  it('updateCallKitCall reports a CXCallUpdate with the video, name and handle sent, and remembers them', () => {
    const update = body(swift, '@objc public func updateCallKitCall(');
    expect(update).toMatch(/CXHandle\(type: type, value: handleValue\)/);
    expect(update).toMatch(/report\(id, hasVideo, displayName, CXHandle/);
    const report = body(swift, 'private func report(');
    for (const line of [
      'calls[id]?.hasVideo = hasVideo',
      'calls[id]?.displayName = name',
      'update.hasVideo = hasVideo',
      'update.localizedCallerName = name',
      'update.remoteHandle = handle',
      'provider?.reportCall(with: id, updated: update)',
    ])
      expect(report, line).toContain(line);
    // The connected report goes the same way, so the snapshot says what CallKit was last told.
    expect(body(swift, '@objc public func reportCallKitConnected(')).toContain(
      'report(id, hasVideo, displayName, nil)',
    );
  });

  it.each(CODEGENS)('KeepCall.mm forwards every NativeCallKitUpdate field (codegen $version)', (codegen) => {
    const module = codegenSchema(join(ROOT, 'src/react-native'), codegen).modules
      .NativeKeepCall as ModuleSchema;
    const fields = (module.aliasMap.NativeCallKitUpdate?.properties ?? []).map((f) => f.name);
    expect(fields.sort()).toEqual(['callId', 'displayName', 'handleType', 'handleValue', 'hasVideo', 'uuid']);
    const forward = body(objcxx, '- (void)updateCallKitCall:');
    for (const field of fields) expect(forward, field).toContain(`call.${field}()`);
  });
});
