// The background path: an action on the notification or in CallKit arrives while this JavaScript
// session tracks no call (after a reload, or a headless start). keepcall must rebuild the app's
// client once through `setPushConfig({ createClient })`, reach the right call, leave it, and
// remove the keeper — or say by name why it could not, and still remove the keeper.
import { describe, expect, it } from 'vitest';
import { createFakeCall } from '../../../src/testing';
import {
  androidAfterReload,
  clientWith,
  countingFactory,
  iosAfterReload,
  runtimeOver,
} from './client-helpers';

describe('a notification hang-up with no call tracked (Android, after a JavaScript reload)', () => {
  it('builds the client through createClient, leaves that call, and stops the service', async () => {
    const { device, call } = await androidAfterReload('call-1');
    const client = clientWith(createFakeCall('other'), call);
    const createClient = countingFactory(() => client);
    const { runtime, errors } = runtimeOver(device, { createClient }, 'background');
    await runtime.start();
    expect(device.observe().notification?.visible).toBe(true); // adopted, not orphaned or restarted
    expect(createClient.calls).toBe(0); // nothing is built until something needs the call
    device.tapAction('hangup');
    await runtime.idle();
    expect(createClient.calls).toBe(1);
    expect(client.lookups).toEqual(['call-1']);
    expect(call.hangups).toBe(1);
    expect(device.observe().service.running).toBe(false);
    expect(device.observe().notification).toBeNull();
    expect(errors()).toEqual([]);
  });

  it('shares one creation between actions that arrive together', async () => {
    const { device, call } = await androidAfterReload('call-2');
    const client = clientWith(call);
    const createClient = countingFactory(() => client);
    const { runtime } = runtimeOver(device, { createClient }, 'background');
    await runtime.start();
    device.tapAction('mute');
    device.tapAction('hangup');
    await runtime.idle();
    expect(createClient.calls).toBe(1);
    expect(call.muteCalls).toEqual([true]);
    expect(call.hangups).toBe(1);
    expect(device.observe().service.running).toBe(false);
  });

  it('names create-client-failed when createClient returns undefined, and still removes the keeper', async () => {
    const { device, call } = await androidAfterReload('call-3');
    const { runtime, errors } = runtimeOver(
      device,
      { createClient: countingFactory(() => undefined) },
      'background',
    );
    await runtime.start();
    device.tapAction('hangup');
    await runtime.idle();
    expect(errors().map((error) => error.code)).toEqual(['create-client-failed']);
    expect(errors()[0]?.callId).toBe('call-3');
    expect(errors()[0]?.message).toMatch(/returned undefined/);
    expect(call.hangups).toBe(0);
    expect(device.observe().service.running).toBe(false);
    expect(device.observe().notification).toBeNull();
  });

  it('names create-client-failed with the cause when createClient throws, and tries again on the next action', async () => {
    const { device, call } = await androidAfterReload('call-4');
    let attempt = 0;
    const createClient = countingFactory(() => {
      attempt += 1;
      if (attempt === 1) throw new Error('token expired');
      return clientWith(call);
    });
    const { runtime, errors } = runtimeOver(device, { createClient }, 'background');
    await runtime.start();
    device.tapAction('mute');
    await runtime.idle();
    expect(errors()[0]).toMatchObject({ code: 'create-client-failed', callId: 'call-4' });
    expect(errors()[0]?.message).toContain('token expired');
    expect(errors()[0]?.cause).toMatchObject({ message: 'token expired' });
    device.tapAction('hangup');
    await runtime.idle();
    expect(createClient.calls).toBe(2);
    expect(call.hangups).toBe(1);
    expect(device.observe().service.running).toBe(false);
  });

  it('names create-client-failed when there is no createClient at all, and still removes the keeper', async () => {
    const { device } = await androidAfterReload('call-5');
    const { runtime, errors } = runtimeOver(device, undefined, 'background');
    await runtime.start();
    device.tapAction('hangup');
    await runtime.idle();
    expect(errors()[0]).toMatchObject({ code: 'create-client-failed', callId: 'call-5' });
    expect(errors()[0]?.message).toContain('createClient');
    expect(device.observe().service.running).toBe(false);
  });

  it('does not build a client when the call is tracked in this session', async () => {
    const { device, call } = await androidAfterReload('call-6');
    const createClient = countingFactory(() => clientWith(call));
    const { runtime } = runtimeOver(device, { createClient }, 'background');
    await runtime.start();
    runtime.track(call);
    device.tapAction('hangup');
    await runtime.idle();
    expect(createClient.calls).toBe(0);
    expect(call.hangups).toBe(1);
  });
});

describe('a CallKit end with no call tracked (iOS, after a JavaScript reload)', () => {
  it('builds the client once, leaves the call the system ended, and asks CallKit for nothing back', async () => {
    const { device, call } = await iosAfterReload('call-7');
    const client = clientWith(call);
    const createClient = countingFactory(() => client);
    const { runtime, events, errors } = runtimeOver(device, {
      ios: { enableOngoingCalls: true },
      createClient,
    });
    await runtime.start();
    device.systemEnd('call-7');
    await runtime.idle();
    expect(createClient.calls).toBe(1);
    expect(client.lookups).toEqual(['call-7']);
    expect(call.hangups).toBe(1);
    expect(device.observe().calls).toEqual({});
    // I8: the system already ended it; an end requested back would fail with unknownCallUUID.
    const commands = events.flatMap((event) => (event.type === 'command' ? [event.command.kind] : []));
    expect(commands).not.toContain('callkit.end');
    expect(errors()).toEqual([]);
  });

  it('shares one creation between a CallKit mute and end that arrive together', async () => {
    const { device, call } = await iosAfterReload('call-9');
    const createClient = countingFactory(() => clientWith(call));
    const { runtime } = runtimeOver(device, { ios: { enableOngoingCalls: true }, createClient });
    await runtime.start();
    device.systemMute('call-9', true);
    device.systemEnd('call-9');
    await runtime.idle();
    expect(createClient.calls).toBe(1);
    expect(call.muteCalls).toEqual([true]);
    expect(call.hangups).toBe(1);
    expect(device.observe().calls).toEqual({});
  });

  it('names create-client-failed when the rebuilt client does not know the call', async () => {
    const { device } = await iosAfterReload('call-8');
    const client = clientWith();
    const { runtime, errors } = runtimeOver(device, {
      ios: { enableOngoingCalls: true },
      createClient: countingFactory(() => client),
    });
    await runtime.start();
    device.systemEnd('call-8');
    await runtime.idle();
    expect(client.lookups).toEqual(['call-8']);
    expect(errors()[0]).toMatchObject({ code: 'create-client-failed', callId: 'call-8' });
    expect(device.observe().calls).toEqual({});
  });
});
