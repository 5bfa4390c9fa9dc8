import { describe, expect, it } from 'vitest';
import { AUDIO, reload, setup, testCall, VIDEO } from '../helpers';

describe('Android keeper', () => {
  it('starts on join while visible with the types the permissions and media allow', async () => {
    const { runtime, port } = await setup();
    const call = testCall('c1', 'Ada');
    runtime.track(call);
    call.emit({ type: 'joined', at: 1000, media: AUDIO });
    await runtime.idle();
    expect(port.commands.map((command) => command.kind)).toEqual(['service.start']);
    expect(port.state.android?.types).toEqual(['mediaPlayback', 'microphone']);
    expect(port.state.android?.notification).toMatchObject({
      callId: 'c1',
      person: 'Ada',
      callStyle: true,
      startedAt: 1000,
    });
  });

  it('shows the title as the person when the call has an empty display name, so CallStyle holds (A14)', async () => {
    const { runtime, port } = await setup();
    const call = testCall('c1', '');
    runtime.track(call);
    call.emit({ type: 'joined', at: 1000, media: AUDIO });
    await runtime.idle();
    expect(port.state.android?.notification).toMatchObject({ person: 'Call in progress', callStyle: true });
  });

  it('never starts from the background and starts once the app is visible again (A2, A4)', async () => {
    const { runtime, port } = await setup({ app: 'background' });
    const call = testCall('c1');
    runtime.track(call);
    call.emit({ type: 'joined', at: 1, media: AUDIO });
    await runtime.idle();
    expect(port.commands).toEqual([]);
    runtime.dispatch({ type: 'app', state: 'active' });
    await runtime.idle();
    expect(port.commands.map((command) => command.kind)).toEqual(['service.start']);
  });

  it('says why when the system stops the service in the background, and starts it again on return (A2)', async () => {
    const { runtime, port, errors } = await setup();
    const call = testCall('c1');
    runtime.track(call);
    call.emit({ type: 'joined', at: 1, media: AUDIO });
    await runtime.idle();
    runtime.dispatch({ type: 'app', state: 'background' });
    // The system stops the service (low memory, or the user in the Task Manager), and says so.
    port.state = { android: null };
    port.emit({ type: 'service.stopped' });
    await runtime.idle();
    expect(runtime.getState().actual.android).toBeNull();
    expect(errors().map((error) => error.code)).toEqual(['start-not-allowed']);
    expect(errors()[0]?.message).toMatch(/not kept alive until the app is visible/);
    runtime.dispatch({ type: 'app', state: 'active' });
    await runtime.idle();
    expect(port.commands.filter((command) => command.kind === 'service.start')).toHaveLength(2);
  });

  it('counts picture-in-picture as visible', async () => {
    const { runtime, port } = await setup({ app: 'pip' });
    const call = testCall('c1');
    runtime.track(call);
    call.emit({ type: 'joined', at: 1, media: AUDIO });
    await runtime.idle();
    expect(port.state.android).not.toBeNull();
  });

  it('adds camera only while video is on and re-promotes when video turns on while visible (A4, A6)', async () => {
    const { runtime, port } = await setup();
    const call = testCall('c1');
    runtime.track(call);
    call.emit({ type: 'joined', at: 1, media: AUDIO });
    await runtime.idle();
    call.emit({ type: 'media', media: VIDEO });
    await runtime.idle();
    expect(port.state.android?.types).toContain('camera');
    call.emit({ type: 'media', media: AUDIO });
    await runtime.idle();
    expect(port.state.android?.types).not.toContain('camera');
  });

  it('does not widen the types from the background, and does once visible (A4, A6)', async () => {
    const { runtime, port } = await setup();
    const call = testCall('c1');
    runtime.track(call);
    call.emit({ type: 'joined', at: 1, media: AUDIO });
    await runtime.idle();
    runtime.dispatch({ type: 'app', state: 'background' });
    call.emit({ type: 'media', media: VIDEO });
    await runtime.idle();
    expect(port.state.android?.types).not.toContain('camera');
    runtime.dispatch({ type: 'app', state: 'active' });
    await runtime.idle();
    expect(port.state.android?.types).toContain('camera');
  });

  it('leaves out types the app does not declare (A3) and a denied permission, with a named error', async () => {
    const { runtime, port, errors } = await setup({
      platform: {
        os: 'android',
        apiLevel: 34,
        declared: [
          'FOREGROUND_SERVICE',
          'FOREGROUND_SERVICE_MEDIA_PLAYBACK',
          'FOREGROUND_SERVICE_MICROPHONE',
        ],
      },
      permissions: { microphone: 'denied', camera: 'granted', notifications: 'granted' },
    });
    const call = testCall('c1');
    runtime.track(call);
    call.emit({ type: 'joined', at: 1, media: VIDEO });
    await runtime.idle();
    expect(port.state.android?.types).toEqual(['mediaPlayback']);
    expect(errors().map((error) => error.code)).toContain('missing-permission');
    expect(errors().find((error) => error.code === 'missing-permission')?.message).toMatch(/RECORD_AUDIO/);
  });

  it('surfaces an error instead of starting when no type is usable on API 34', async () => {
    const { runtime, port, errors } = await setup({
      platform: { os: 'android', apiLevel: 34, declared: ['FOREGROUND_SERVICE'] },
    });
    const call = testCall('c1');
    runtime.track(call);
    call.emit({ type: 'joined', at: 1, media: AUDIO });
    await runtime.idle();
    expect(port.commands).toEqual([]);
    expect(errors().map((error) => error.code)).toEqual(['type-not-declared']);
  });

  it('uses the phoneCall profile only with MANAGE_OWN_CALLS (A17)', async () => {
    const declared = ['FOREGROUND_SERVICE', 'FOREGROUND_SERVICE_PHONE_CALL', 'FOREGROUND_SERVICE_MICROPHONE'];
    for (const [extra, expected] of [
      [[], ['microphone']],
      [['MANAGE_OWN_CALLS'], ['phoneCall', 'microphone']],
    ] as const) {
      const { runtime, port } = await setup({
        platform: { os: 'android', apiLevel: 34, declared: [...declared, ...extra] },
      });
      runtime.updateConfig({ foregroundService: { android: { profile: 'phoneCall' } } });
      const call = testCall('c1');
      runtime.track(call);
      call.emit({ type: 'joined', at: 1, media: AUDIO });
      await runtime.idle();
      expect(port.state.android?.types).toEqual(expected);
    }
  });

  it('stops after the last call leaves, once the debounce passes; a quick rejoin does not flap', async () => {
    const { runtime, port, clock } = await setup();
    const call = testCall('c1');
    runtime.track(call);
    call.emit({ type: 'joined', at: 1, media: AUDIO });
    await runtime.idle();
    call.emit({ type: 'left' });
    await runtime.idle();
    clock.advance(500);
    const again = testCall('c2');
    runtime.track(again);
    again.emit({ type: 'joined', at: 2, media: AUDIO });
    await runtime.idle();
    expect(port.commands.map((command) => command.kind)).toEqual(['service.start', 'service.update']);
    again.emit({ type: 'closed' });
    await runtime.idle();
    expect(port.state.android).not.toBeNull();
    clock.advance(1500);
    await runtime.idle();
    expect(port.state.android).toBeNull();
    expect(port.commands.at(-1)?.kind).toBe('service.stop');
  });

  it('leaves no stop-debounce timer behind after dispose, and a disposed runtime sends nothing', async () => {
    const { runtime, port, clock } = await setup();
    const call = testCall('c1');
    runtime.track(call);
    call.emit({ type: 'joined', at: 1, media: AUDIO });
    await runtime.idle();
    call.emit({ type: 'left' });
    await runtime.idle();
    expect(clock.pending()).toBe(1);
    runtime.dispose();
    expect(clock.pending()).toBe(0);
    clock.advance(10_000);
    await runtime.idle();
    expect(port.commands.map((command) => command.kind)).toEqual(['service.start']);
  });

  it('stops when the task is removed and hangs up, but not when only the activity is destroyed (A18)', async () => {
    const { runtime, port } = await setup();
    const call = testCall('c1');
    runtime.track(call);
    call.emit({ type: 'joined', at: 1, media: AUDIO });
    await runtime.idle();
    runtime.dispatch({ type: 'app', state: 'destroyed' });
    await runtime.idle();
    expect(port.state.android).not.toBeNull();
    runtime.dispatch({ type: 'task.removed' });
    await runtime.idle();
    expect(port.state.android).toBeNull();
    expect(call.hangups).toBe(1);
  });

  it('shows the most recently joined call; its hangup leaves exactly that call', async () => {
    const { runtime, port } = await setup();
    const first = testCall('a', 'Ada');
    const second = testCall('b', 'Bob');
    runtime.track(first);
    runtime.track(second);
    first.emit({ type: 'joined', at: 1, media: AUDIO });
    second.emit({ type: 'joined', at: 2, media: AUDIO });
    await runtime.idle();
    expect(port.state.android?.notification.person).toBe('Bob');
    runtime.dispatch({
      type: 'hangup',
      callId: port.state.android?.notification.callId ?? '',
      source: 'notification',
    });
    await runtime.idle();
    expect(second.hangups).toBe(1);
    expect(first.hangups).toBe(0);
    expect(port.state.android?.notification.person).toBe('Ada');
  });

  it('mute from the notification mutes the call and flips the label; the timer start survives', async () => {
    const { runtime, port } = await setup();
    const call = testCall('c1');
    runtime.track(call);
    call.emit({ type: 'joined', at: 777, media: AUDIO });
    await runtime.idle();
    expect(port.state.android?.notification.actions.map((action) => action.label)).toEqual([
      'Hang up',
      'Mute',
    ]);
    runtime.dispatch({ type: 'mute', callId: 'c1', muted: true, source: 'notification' });
    await runtime.idle();
    expect(call.muteCalls).toEqual([true]);
    expect(port.state.android?.notification.actions.map((action) => action.label)).toEqual([
      'Hang up',
      'Unmute',
    ]);
    call.emit({ type: 'reconnecting' });
    call.emit({ type: 'joined', at: 9999, media: { ...AUDIO, muted: true } });
    await runtime.idle();
    expect(port.state.android?.notification.startedAt).toBe(777);
  });

  it('a refused start becomes an error event and is retried when the app is next visible', async () => {
    const { runtime, port, errors } = await setup();
    port.fail('service.start', 'start-not-allowed', { message: 'ForegroundServiceStartNotAllowedException' });
    const call = testCall('c1');
    runtime.track(call);
    call.emit({ type: 'joined', at: 1, media: AUDIO });
    await runtime.idle();
    expect(port.state.android).toBeNull();
    expect(errors().map((error) => error.code)).toEqual(['start-not-allowed']);
    runtime.dispatch({ type: 'app', state: 'background' });
    runtime.dispatch({ type: 'app', state: 'active' });
    await runtime.idle();
    expect(port.state.android).not.toBeNull();
  });

  it('adopts a running service after a JavaScript reload instead of starting a second one', async () => {
    const first = await setup();
    const call = testCall('c1');
    first.runtime.track(call);
    call.emit({ type: 'joined', at: 1, media: AUDIO });
    await first.runtime.idle();
    const commandsBefore = first.port.commands.length;
    const reloaded = await reload(first, {
      permissions: { microphone: 'granted', camera: 'granted', notifications: 'granted' },
    });
    const again = testCall('c1');
    reloaded.track(again);
    again.emit({ type: 'joined', at: 1, media: AUDIO });
    await reloaded.idle();
    expect(first.port.commands.slice(commandsBefore).map((command) => command.kind)).not.toContain(
      'service.start',
    );
    expect(first.port.state.android?.notification.callId).toBe('c1');
  });

  it('stops an adopted service whose call is not tracked again within the grace period', async () => {
    const first = await setup();
    const call = testCall('c1');
    first.runtime.track(call);
    call.emit({ type: 'joined', at: 1, media: AUDIO });
    await first.runtime.idle();
    const reloaded = await reload(first);
    expect(first.port.state.android).not.toBeNull();
    first.clock.advance(8000);
    await reloaded.idle();
    expect(first.port.state.android).toBeNull();
  });

  it('after a reload, a call that ended is not brought back by a late reconnecting (found by the property test)', async () => {
    for (const end of ['hangup from the notification', 'left'] as const) {
      const first = await setup();
      const before = testCall('c1');
      first.runtime.track(before);
      before.emit({ type: 'joined', at: 1, media: AUDIO });
      await first.runtime.idle();
      const reloaded = await reload(first);
      const again = testCall('c1'); // the app tracks its call again; the SDK has nothing live to announce
      reloaded.track(again);
      if (end === 'left') again.emit({ type: 'left' });
      else reloaded.dispatch({ type: 'hangup', callId: 'c1', source: 'notification' });
      await reloaded.idle();
      again.emit({ type: 'reconnecting' }); // late, from the session that ended
      first.clock.advance(10_000);
      await reloaded.idle();
      expect(first.port.state.android, end).toBeNull();
    }
  });

  it('runs taskToRun while the keeper runs and aborts it when it stops; a failure is reported', async () => {
    const { runtime, clock, errors } = await setup();
    const seen: string[] = [];
    let signal: AbortSignal | undefined;
    runtime.updateConfig({
      foregroundService: {
        android: {
          taskToRun: async (call, context) => {
            seen.push(call.id);
            signal = context.signal;
            throw new Error('boom');
          },
        },
      },
    });
    const call = testCall('c1');
    runtime.track(call);
    call.emit({ type: 'joined', at: 1, media: AUDIO });
    await runtime.idle();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(seen).toEqual(['c1']);
    expect(errors().map((error) => error.code)).toContain('task-failed');
    expect(runtime.getState().actual.android).not.toBeNull();
    call.emit({ type: 'left' });
    clock.advance(2000);
    await runtime.idle();
    expect(signal?.aborted).toBe(true);
  });
});

describe('taskToRun with a keeper it did not see start', () => {
  const recordTask = (seen: string[]) => ({
    foregroundService: {
      android: {
        taskToRun: (call: { id: string }) => {
          seen.push(call.id);
          return new Promise(() => {});
        },
      },
    },
  });

  it('starts when the call of a service adopted after a JavaScript reload is tracked again', async () => {
    const first = await setup();
    const call = testCall('c1');
    first.runtime.track(call);
    call.emit({ type: 'joined', at: 1, media: AUDIO });
    await first.runtime.idle();
    const seen: string[] = [];
    const reloaded = await reload(first, {
      permissions: { microphone: 'granted', camera: 'granted', notifications: 'granted' },
      config: recordTask(seen),
    });
    expect(seen).toEqual([]);
    const again = testCall('c1');
    reloaded.track(again);
    again.emit({ type: 'joined', at: 1, media: AUDIO });
    await reloaded.idle();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(seen).toEqual(['c1']);
    expect(first.port.commands.filter((command) => command.kind === 'service.start')).toHaveLength(1);
  });

  it('starts when it is configured while the keeper already runs, once', async () => {
    const { runtime } = await setup();
    const call = testCall('c1');
    runtime.track(call);
    call.emit({ type: 'joined', at: 1, media: AUDIO });
    await runtime.idle();
    const seen: string[] = [];
    runtime.updateConfig(recordTask(seen));
    await runtime.idle();
    call.emit({ type: 'media', media: { ...AUDIO, muted: true } });
    await runtime.idle();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(seen).toEqual(['c1']);
  });

  it('does not start with the next keeper once removed with null', async () => {
    const { runtime, clock } = await setup();
    const seen: string[] = [];
    runtime.updateConfig(recordTask(seen));
    runtime.updateConfig({ foregroundService: { android: { taskToRun: null } } });
    const call = testCall('c1');
    runtime.track(call);
    call.emit({ type: 'joined', at: 1, media: AUDIO });
    await runtime.idle();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(runtime.getState().actual.android).not.toBeNull();
    expect(seen).toEqual([]);
    call.emit({ type: 'left' });
    clock.advance(2000);
    await runtime.idle();
  });
});

describe('which call the notification shows', () => {
  it('is the most recently joined, not the most recently seen, and never one still joining', async () => {
    const { runtime, port } = await setup();
    const first = testCall('a', 'Ada');
    const second = testCall('b', 'Bob');
    runtime.track(first);
    runtime.track(second);
    first.emit({ type: 'joining' });
    second.emit({ type: 'joining' });
    second.emit({ type: 'joined', at: 1, media: AUDIO });
    await runtime.idle();
    expect(port.state.android?.notification.person).toBe('Bob');
    first.emit({ type: 'joined', at: 2, media: AUDIO });
    await runtime.idle();
    expect(port.state.android?.notification.person).toBe('Ada');
    const third = testCall('c', 'Cy');
    runtime.track(third);
    third.emit({ type: 'joining' });
    await runtime.idle();
    expect(port.state.android?.notification.person).toBe('Ada');
  });
});

describe('late signals across sessions of one call', () => {
  it('a late join from the ended session does not mark a new joining session as joined', async () => {
    const { runtime } = await setup();
    const call = testCall('c1');
    runtime.track(call);
    call.emit({ type: 'joined', at: 10, media: AUDIO });
    call.emit({ type: 'left' });
    call.emit({ type: 'joining' });
    call.emit({ type: 'joined', at: 10, media: { ...AUDIO, muted: true } });
    await runtime.idle();
    expect(runtime.getState().model.calls.get('c1')).toMatchObject({
      phase: 'joining',
      media: { muted: false },
    });
    call.emit({ type: 'joined', at: 11, media: AUDIO });
    await runtime.idle();
    expect(runtime.getState().model.calls.get('c1')).toMatchObject({ phase: 'joined', joinedAt: 11 });
  });
});
