// getOrCreateInstance: one client per key, so what a background start changed (a call left from
// the notification) is what the app's UI sees when it asks for its client afterwards. The last
// test runs the whole path with the real Stream client and the Stream adapter.
import { type Call, CallingState, StreamVideoClient } from '@stream-io/video-client';
import { describe, expect, it } from 'vitest';
import { fromStreamClient } from '../../src/adapters/stream';
import { getOrCreateInstance, removeInstance } from '../../src/core/registry';
import { androidAfterReload, runtimeOver } from './engine/client-helpers';

describe('getOrCreateInstance', () => {
  it('returns the same client for the same key and builds it once', () => {
    let built = 0;
    const factory = () => ({ serial: ++built });
    const first = getOrCreateInstance('key-a:user-1', factory);
    const second = getOrCreateInstance('key-a:user-1', factory);
    expect(second).toBe(first);
    expect(built).toBe(1);
    expect(getOrCreateInstance('key-a:user-2', factory)).not.toBe(first);
  });

  it('builds afresh after removeInstance (e.g. at logout)', () => {
    const first = getOrCreateInstance('key-b:user-1', () => ({}));
    expect(removeInstance('key-b:user-1')).toBe(true);
    expect(getOrCreateInstance('key-b:user-1', () => ({}))).not.toBe(first);
    expect(removeInstance('never-made')).toBe(false);
  });

  it('does not remember a factory that threw, so the next request tries again', () => {
    expect(() =>
      getOrCreateInstance('key-c:user-1', () => {
        throw new Error('offline');
      }),
    ).toThrow('offline');
    expect(getOrCreateInstance('key-c:user-1', () => 'built')).toBe('built');
  });

  it('does not keep an async factory that failed, so the next request builds again', async () => {
    const failed = getOrCreateInstance('key-d:user-1', async () => {
      throw new Error('offline');
    });
    // While it is pending, everyone shares the one attempt.
    expect(getOrCreateInstance('key-d:user-1', async () => 'second')).toBe(failed);
    await expect(failed).rejects.toThrow('offline');
    await expect(getOrCreateInstance('key-d:user-1', async () => 'built')).resolves.toBe('built');
    // One that succeeded stays.
    await expect(getOrCreateInstance('key-d:user-1', async () => 'other')).resolves.toBe('built');
  });

  it('rejects an empty key, naming it and what was given', () => {
    expect(() => getOrCreateInstance('', () => ({}))).toThrow(/key must be a non-empty string, got ""/);
  });
});

describe('createClient over getOrCreateInstance with the real Stream client', () => {
  it('a notification hang-up after a reload leaves the Stream call, on the client the UI gets afterwards', async () => {
    const { device } = await androidAfterReload('default:standup');
    let built = 0;
    const makeClient = () => {
      built += 1;
      const client = new StreamVideoClient({ apiKey: 'offline-test-key' });
      // The call the app was in; in the field the SDK's coordinator registers it again on connect.
      const call = client.call('default', 'standup');
      call.state.setCallingState(CallingState.JOINED);
      const store = (client as unknown as { writeableStateStore: { registerCall(c: Call): void } })
        .writeableStateStore;
      store.registerCall(call);
      return { client, call };
    };
    const createClient = () =>
      fromStreamClient(getOrCreateInstance('offline-test-key:ada', makeClient).client);
    const { runtime, errors } = runtimeOver(device, { createClient }, 'background');
    await runtime.start();
    device.tapAction('hangup');
    await runtime.idle();
    expect(errors()).toEqual([]);
    expect(device.observe().service.running).toBe(false);
    // The app's UI comes up and asks for its client: the same instance, whose call has been left.
    const ui = getOrCreateInstance('offline-test-key:ada', makeClient);
    expect(built).toBe(1);
    expect(ui.call.state.callingState).toBe(CallingState.LEFT);
    await ui.client.disconnectUser();
  });
});
