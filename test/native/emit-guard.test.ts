// An event needs the callback React Native gives the module once JavaScript created its C++ half: the
// Java `mEventEmitterCallback`, the ObjC++ `_eventEmitterCallback`. Codegen before 0.88 (React Native
// 0.81's included) emits without checking it, so an emit before then crashes (a NullPointerException; an
// empty std::function). Every emit must go through the one helper that checks the callback first.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { filesUnder, ROOT, readAll } from './sources';

const kotlin = readAll(filesUnder(join(ROOT, 'android/src'), ['.kt']));
const objcxx = readAll(filesUnder(join(ROOT, 'ios'), ['.mm']));
const swift = readAll(filesUnder(join(ROOT, 'ios'), ['.swift']));

/** The `{ … }` block whose opening brace is the first at or after `from`, as [start, end). */
function blockAt(text: string, from: number): [number, number] {
  const start = text.indexOf('{', from);
  let depth = 0;
  for (let i = start; i < text.length; i++) {
    if (text[i] === '{') depth++;
    if (text[i] === '}' && --depth === 0) return [start, i + 1];
  }
  return [start, text.length];
}

/** `text` without the blocks that follow each match of `opener`. */
function without(text: string, opener: RegExp): string {
  let rest = text;
  for (let match = opener.exec(rest); match; match = opener.exec(rest)) {
    const [start, end] = blockAt(rest, match.index);
    if (start < 0) break;
    rest = rest.slice(0, match.index) + rest.slice(end);
  }
  return rest;
}

/** The lines of `text` that call one of `pattern`'s emitters. */
const calls = (text: string, pattern: RegExp) => text.split('\n').filter((line) => pattern.test(line));

const KOTLIN_EMIT = /\bemitOn\w+\(/;
const OBJC_EMIT = /\bemitOn\w+\b/;
const SWIFT_EMIT = /\bemit[?!]?\(/;

/** Kotlin emits outside `emit { … }`, the helper that checks `mEventEmitterCallback`. */
const unguardedKotlin = (text: string) => calls(without(text, /\bemit \{/), KOTLIN_EMIT);
/** ObjC++ emits outside `emit:body:`, the one method Swift's events reach. */
const unguardedObjc = (text: string) =>
  calls(without(text, /^- \(void\)emit:\(NSString \*\)name body:\(NSDictionary \*\)body/m), OBJC_EMIT);
/** Swift calls of the TurboModule's `emit` closure outside `send`. */
const unguardedSwift = (text: string) => calls(without(text, /private func send\(/), SWIFT_EMIT);

describe('events emitted before JavaScript set the emitter callback are dropped, not a crash', () => {
  it('Kotlin: the helper checks the callback, and every emitOn… call goes through it', () => {
    expect(calls(kotlin, KOTLIN_EMIT).length).toBeGreaterThan(0);
    expect(unguardedKotlin(kotlin)).toEqual([]);
    const start = kotlin.indexOf('private fun emit(send: () -> Unit)');
    expect(start).toBeGreaterThanOrEqual(0);
    const helper = kotlin.slice(start, kotlin.indexOf('\n\n', start));
    expect(helper).toMatch(/if \(mEventEmitterCallback != null\) send\(\)/);
  });

  it('ObjC++: emit:body: returns first when there is no callback, and is the only place that emits', () => {
    const start = objcxx.search(/^- \(void\)emit:\(NSString \*\)name body:/m);
    expect(start).toBeGreaterThanOrEqual(0);
    const body = objcxx.slice(...blockAt(objcxx, start));
    expect(calls(body, OBJC_EMIT).length).toBeGreaterThan(0);
    expect(unguardedObjc(objcxx)).toEqual([]);
    expect(body).toMatch(/^\{\s*(\/\/[^\n]*\n\s*)*if \(!_eventEmitterCallback\) \{\s*return;\s*\}/);
  });

  it('Swift: only send(…) calls the emit closure the TurboModule set', () => {
    expect(calls(swift, SWIFT_EMIT).length).toBe(1);
    expect(unguardedSwift(swift)).toEqual([]);
  });

  it('flags an unguarded emit, so the checks above can fail', () => {
    expect(unguardedKotlin('override fun onStopped() = emitOnServiceStopped()\n')).toHaveLength(1);
    expect(unguardedKotlin('override fun onStopped() = emit { emitOnServiceStopped() }\n')).toEqual([]);
    const mm = `- (void)emit:(NSString *)name body:(NSDictionary *)body
{
  [self emitOnMute:body];
}

- (void)other
{
  [self emitOnHold:@{}];
}
`;
    expect(unguardedObjc(mm)).toEqual(['  [self emitOnHold:@{}];']);
    expect(unguardedSwift('func f() {\n  emit?("onMute", [:])\n}\n')).toHaveLength(1);
  });
});
