// The web port under keepcall's real engine, over a scripted browser: what a user of a browser
// call would notice (media controls, the notification and its buttons, the wake lock, the
// lifecycle), and that a missing feature is reported once and never thrown.
import { describe, expect, it, vi } from 'vitest';
import { createRuntime, type KeepCallError, type Runtime, type RuntimeEvent } from '../../src/core/index';
import { createFakeCall } from '../../src/testing/index';
import { createWebPort, type WebPort } from '../../src/web/port';
import { FakeBrowser, type FakeFeatures } from './fake-browser';

function setup(features: FakeFeatures = {}, config: Record<string, unknown> = {}) {
  const browser = new FakeBrowser(features);
  const port = createWebPort({ env: browser.env, pageId: 'page-1' });
  const runtime = createRuntime({
    port,
    platform: port.platformInfo(),
    app: port.appState(),
    config,
  });
  const errors: KeepCallError[] = [];
  runtime.on((event) => event.type === 'error' && errors.push(event.error));
  const call = createFakeCall('room:1', { displayName: 'Team standup' });
  return { browser, port, runtime, errors, call };
}

async function joinedCall(runtime: Runtime, call: ReturnType<typeof createFakeCall>, video = true) {
  await runtime.start();
  runtime.track(call);
  call.joining();
  call.joined(Date.now(), { video });
  await runtime.idle();
}

async function settle(runtime: Runtime, port: WebPort) {
  await runtime.idle();
  // Port events land between commands: give them a turn, then settle again.
  await new Promise((resolve) => setTimeout(resolve, 0));
  await runtime.idle();
  void port;
}

/** The user leaves the page and comes back, three times. */
async function hideAndShowThrice(browser: FakeBrowser, runtime: Runtime, port: WebPort) {
  for (let i = 0; i < 3; i++) {
    browser.setVisible(false);
    await settle(runtime, port);
    browser.setVisible(true);
    await settle(runtime, port);
  }
}

describe('web port', () => {
  it('sets Media Session for a joined call and its buttons control the call', async () => {
    const { browser, runtime, port, call } = setup();
    await joinedCall(runtime, call);
    expect(browser.metadata).toMatchObject({ title: 'Team standup' });
    expect([...browser.handlers.keys()].sort()).toEqual(['hangup', 'togglecamera', 'togglemicrophone']);
    expect(browser.micActive).toBe(true);
    expect(browser.cameraActive).toBe(true);

    browser.press('togglemicrophone');
    await settle(runtime, port);
    expect(call.muteCalls).toEqual([true]);
    expect(browser.micActive).toBe(false);

    browser.press('hangup');
    await settle(runtime, port);
    expect(call.hangups).toBe(1);
    expect(browser.handlers.size).toBe(0);
    expect(browser.metadata).toBeNull();
  });

  it('offers picture-in-picture for video calls where Document Picture-in-Picture exists', async () => {
    const { browser, runtime, call } = setup({ pictureInPicture: true });
    await joinedCall(runtime, call);
    expect(browser.handlers.has('enterpictureinpicture')).toBe(true);
  });

  it('without Document Picture-in-Picture, sets Media Session once: returning to the page does not set it again', async () => {
    const { browser, runtime, port, call } = setup();
    const sessions: unknown[] = [];
    runtime.on((event) => {
      if (event.type === 'command' && event.command.kind === 'web.session')
        sessions.push(event.command.session);
    });
    await joinedCall(runtime, call);
    await hideAndShowThrice(browser, runtime, port);
    expect(browser.handlers.has('enterpictureinpicture')).toBe(false);
    expect(sessions).toHaveLength(1);
    expect(runtime.getState().actual.web?.session).toEqual(sessions[0]);
  });

  it('shows the notification only while hidden, with Return and Hang up, and its Hang up leaves the call', async () => {
    const { browser, runtime, port, call } = setup();
    await joinedCall(runtime, call);
    expect(browser.shown).toEqual([]);

    browser.setVisible(false);
    await settle(runtime, port);
    expect(browser.shown).toHaveLength(1);
    expect(browser.shown[0]?.actions?.map((a) => a.action)).toEqual(['return', 'hangup']);
    expect(browser.shown[0]?.data).toMatchObject({ keepcall: 1, callId: 'room:1', pageId: 'page-1' });

    // Shown under the tag the keeper holds, which is this page's own (another tab's would not replace it).
    expect(browser.shown[0]?.tag).toBe('keepcall-ongoing-call#page-1');
    expect(runtime.getState().actual.web?.notification?.tag).toBe(browser.shown[0]?.tag);

    // Another tab's notification action is not ours.
    browser.fromWorker({ keepcall: 1, type: 'action', action: 'hangup', callId: 'room:1', pageId: 'page-2' });
    await settle(runtime, port);
    expect(call.hangups).toBe(0);

    browser.fromWorker({ keepcall: 1, type: 'action', action: 'hangup', callId: 'room:1', pageId: 'page-1' });
    await settle(runtime, port);
    expect(call.hangups).toBe(1);
    expect(browser.shown).toEqual([]);
    expect(browser.handlers.size).toBe(0);
  });

  it('closes the notification and re-acquires the wake lock when the page is visible again (W4)', async () => {
    const { browser, runtime, port, call } = setup();
    await joinedCall(runtime, call);
    expect(browser.wakeLocks.filter((l) => !l.released)).toHaveLength(1);

    browser.setVisible(false);
    await settle(runtime, port);
    expect(browser.wakeLocks.filter((l) => !l.released)).toHaveLength(0);

    browser.setVisible(true);
    await settle(runtime, port);
    expect(browser.shown).toEqual([]);
    expect(browser.wakeLocks).toHaveLength(2);
    expect(browser.wakeLocks[1]?.released).toBe(false);
  });

  it('holds no wake lock for an audio-only call', async () => {
    const { browser, runtime, call } = setup();
    await joinedCall(runtime, call, false);
    expect(browser.wakeLocks).toHaveLength(0);
  });

  it('reports frozen as background and reconciles on resume', async () => {
    const { browser, runtime, port, call } = setup();
    await joinedCall(runtime, call);
    browser.document.visibilityState = 'hidden';
    browser.document.fire('freeze');
    await settle(runtime, port);
    expect(runtime.getState().model.app).toBe('background');
    // While frozen the notification was closed behind keepcall's back; resume puts it back.
    browser.shown.splice(0);
    browser.document.fire('resume');
    await settle(runtime, port);
    expect(runtime.getState().model.app).toBe('background');
    expect(call.hangups).toBe(0);
  });

  it('asks the worker to close the notification when the page is unloaded for good', async () => {
    const { browser, runtime, port, call } = setup();
    await joinedCall(runtime, call);
    browser.setVisible(false);
    await settle(runtime, port);
    browser.window.fire('pagehide', { persisted: false });
    expect(browser.workerMessages).toContainEqual({ keepcall: 1, type: 'close', tag: browser.shown[0]?.tag });
  });

  it('a visible page unloaded for good shows no notification, though the browser hides it after pagehide', async () => {
    const { browser, runtime, port, call } = setup();
    await joinedCall(runtime, call);
    browser.window.fire('pagehide', { persisted: false });
    browser.setVisible(false);
    await settle(runtime, port);
    expect(runtime.getState().model.app).toBe('destroyed');
    expect(browser.shown).toEqual([]);
  });

  it('shows again a notification the browser accepted but dropped; reports one it never displays', async () => {
    const flaky = setup({ dropNotifications: 1 });
    await joinedCall(flaky.runtime, flaky.call);
    flaky.browser.setVisible(false);
    await settle(flaky.runtime, flaky.port);
    expect(flaky.browser.shown).toHaveLength(1);
    expect(flaky.errors.filter((e) => e.code !== 'unsupported')).toEqual([]);

    const broken = setup({ dropNotifications: 99 });
    await joinedCall(broken.runtime, broken.call);
    broken.browser.setVisible(false);
    await settle(broken.runtime, broken.port);
    await new Promise((resolve) => setTimeout(resolve, 150));
    await broken.runtime.idle();
    expect(broken.errors.map((e) => e.code)).toContain('port-failed');
    expect(broken.runtime.getState().actual.web?.notification).toBeNull();
  });

  it('a notification listed a moment after it is shown is shown once, without waiting on a page timer', async () => {
    // A hidden page's timers are throttled (to 1 s in Chromium): a wait on one was the 200–554 ms outliers.
    const late = setup({ listedLate: 3 });
    await joinedCall(late.runtime, late.call);
    const timers = vi.spyOn(globalThis, 'setTimeout');
    let shows = 0;
    const registration = await late.browser.env.registration?.();
    const show = registration?.showNotification.bind(registration);
    if (registration && show) {
      registration.showNotification = (title, options) => {
        shows += 1;
        return show(title, options);
      };
    }
    late.browser.setVisible(false);
    await settle(late.runtime, late.port);
    const waits = timers.mock.calls.filter(([, ms]) => typeof ms === 'number' && ms > 0);
    timers.mockRestore();
    expect(late.browser.shown).toHaveLength(1);
    expect(shows).toBe(1);
    expect(waits).toEqual([]);
    expect(late.errors.filter((e) => e.code !== 'unsupported')).toEqual([]);
  });

  it('reports a blocked notification permission by name, and keeps the call', async () => {
    const { browser, runtime, port, errors, call } = setup({ notificationPermission: 'denied' });
    await joinedCall(runtime, call);
    browser.setVisible(false);
    await settle(runtime, port);
    expect(errors.map((e) => e.code)).toContain('notifications-blocked');
    expect(call.hangups).toBe(0);
  });

  it('degrades in a browser without Media Session, service worker or wake lock: each reported once, nothing thrown', async () => {
    const { browser, runtime, port, errors, call } = setup({
      mediaSession: false,
      serviceWorker: false,
      wakeLock: false,
    });
    await joinedCall(runtime, call);
    await hideAndShowThrice(browser, runtime, port);
    const unsupported = errors.filter((e) => e.code === 'unsupported').map((e) => e.message.split(' ')[0]);
    expect(unsupported.sort()).toEqual([
      'documentPictureInPicture',
      'mediaSession',
      'serviceWorker',
      'wakeLock',
    ]);
    call.left();
    await settle(runtime, port);
    expect(runtime.getState().model.calls).toEqual(new Map());
  });

  it('reports a refused Media Session action once and still sets the others and follows mute', async () => {
    const { browser, runtime, port, errors, call } = setup({ refusedActions: ['togglecamera'] });
    const partial: string[] = [];
    port.onUnsupported((error) => partial.push(error.message.split(' ')[0] ?? ''));
    await joinedCall(runtime, call);
    expect(browser.handlers.has('hangup')).toBe(true);
    expect(browser.handlers.has('togglecamera')).toBe(false);
    await call.setMuted(true);
    await settle(runtime, port);
    expect(browser.micActive).toBe(false);
    // A missing Document Picture-in-Picture is known at start: the web policy leaves its button out and
    // says so through the engine (below); the port only reports what a browser refused while applying.
    expect(partial.sort()).toEqual(['mediaSession.togglecamera']);
    // The engine reports each once as an `unsupported` error event, and holds nothing back.
    expect(errors.map((e) => `${e.code} ${e.message.split(' ')[0]}`).sort()).toEqual([
      'unsupported documentPictureInPicture',
      'unsupported mediaSession.togglecamera',
    ]);
  });

  it('detaches every listener when the last subscriber leaves', () => {
    const { browser, port } = setup();
    const stop = port.subscribe(() => undefined);
    expect(browser.listenerCount('visibilitychange')).toBe(1);
    stop();
    expect(browser.listenerCount('visibilitychange')).toBe(0);
    expect(browser.listenerCount('pagehide')).toBe(0);
  });
});

describe("the web notification's tap and the app's own buttons", () => {
  const RAISE = { id: 'raise-hand', label: 'Raise hand' };

  function shaped(maxActions: number | undefined, actions = [RAISE]) {
    const browser = new FakeBrowser();
    const port = createWebPort({ env: browser.env, pageId: 'page-1' });
    const runtime = createRuntime({
      port,
      platform: {
        os: 'web',
        declared: [],
        ...(maxActions !== undefined && { notificationActions: maxActions }),
      },
      app: port.appState(),
      config: { web: { actions } },
    });
    const events: RuntimeEvent[] = [];
    runtime.on((event) => events.push(event));
    const call = createFakeCall('room:1', { displayName: 'Team standup' });
    return { browser, port, runtime, events, call };
  }

  it('Chromium (two actions): Hang up and the app’s button; its press reaches the app, the tab stays hidden', async () => {
    const { browser, port, runtime, events, call } = shaped(2);
    await joinedCall(runtime, call);
    browser.setVisible(false);
    await settle(runtime, port);
    expect(browser.shown[0]?.actions).toEqual([
      { action: 'hangup', title: 'Hang up' },
      { action: 'app:raise-hand', title: 'Raise hand' },
    ]);
    // What the browser displays reads back as what the policy asked for: no redraw on the next snapshot.
    expect(await port.snapshot()).toMatchObject({
      web: { notification: runtime.getState().desired.web?.notification },
    });

    browser.fromWorker({ keepcall: 1, type: 'app', id: 'raise-hand', callId: 'room:1', pageId: 'page-2' });
    browser.fromWorker({ keepcall: 1, type: 'app', id: 'raise-hand', callId: 'room:1', pageId: 'page-1' });
    await settle(runtime, port);
    expect(events.filter((e) => e.type === 'action')).toEqual([
      { type: 'action', callId: 'room:1', id: 'raise-hand' },
    ]);
    expect(call.hangups).toBe(0);
    expect(browser.shown).toHaveLength(1);
  });

  it('a click on the notification or Return to call reaches the app as a tap with the call id', async () => {
    const { browser, port, runtime, events, call } = shaped(2, []);
    await joinedCall(runtime, call);
    browser.setVisible(false);
    await settle(runtime, port);
    expect(browser.shown[0]?.actions?.map((a) => a.action)).toEqual(['return', 'hangup']);
    browser.fromWorker({ keepcall: 1, type: 'action', action: 'return', callId: 'room:1', pageId: 'page-1' });
    await settle(runtime, port);
    expect(events.filter((e) => e.type === 'tap')).toEqual([{ type: 'tap', callId: 'room:1' }]);
  });

  it('a browser with room for three keeps Return to call first; one with two names the button it leaves out', async () => {
    const wide = shaped(3);
    await joinedCall(wide.runtime, wide.call);
    wide.browser.setVisible(false);
    await settle(wide.runtime, wide.port);
    expect(wide.browser.shown[0]?.actions?.map((a) => a.action)).toEqual([
      'return',
      'hangup',
      'app:raise-hand',
    ]);

    const narrow = shaped(2, [RAISE, { id: 'take-note', label: 'Note' }]);
    await joinedCall(narrow.runtime, narrow.call);
    narrow.browser.setVisible(false);
    await settle(narrow.runtime, narrow.port);
    expect(narrow.browser.shown[0]?.actions?.map((a) => a.action)).toEqual(['hangup', 'app:raise-hand']);
    const errors = narrow.events.flatMap((e) =>
      e.type === 'error' && /actions/.test(e.error.message) ? [e.error] : [],
    );
    expect(errors.map((e) => [e.code, e.message])).toEqual([
      [
        'unsupported',
        'web.actions: "take-note" is not shown: this browser shows 2 notification actions (Notification.maxActions), Hang up first',
      ],
    ]);
  });
});
