// Shared set-up for the background-client tests: a device model from keepcall/testing, a first
// JavaScript session that leaves a keeper running, and a reload after which no call is tracked.

import type { PushConfig } from '../../../src/core/config';
import type { AppState, ClientLike } from '../../../src/core/types';
import { createRuntime, type Runtime, type RuntimeEvent } from '../../../src/core/universal';
import {
  type AndroidDevice,
  createAndroidDevice,
  createFakeCall,
  createIosDevice,
  type FakeCall,
  type IosDevice,
} from '../../../src/testing';

/** An app client as `createClient` rebuilds it: it holds calls by id and counts look-ups. */
export interface CountingClient extends ClientLike {
  lookups: string[];
}

/** A client that holds the given calls. */
export function clientWith(...calls: FakeCall[]): CountingClient {
  const lookups: string[] = [];
  return {
    lookups,
    getCall: async (callId) => {
      lookups.push(callId);
      return calls.find((call) => call.id === callId);
    },
  };
}

/** A `createClient` that takes a turn of the event loop (a real one awaits auth), counting calls. */
export function countingFactory(make: () => ClientLike | undefined | Promise<ClientLike | undefined>) {
  const factory = Object.assign(
    async () => {
      factory.calls += 1;
      await new Promise((resolve) => setTimeout(resolve, 1));
      return make();
    },
    { calls: 0 },
  );
  return factory;
}

let uuid = 0;
const newUuid = () => `00000000-0000-4000-8000-${String(++uuid).padStart(12, '0')}`;

/** A runtime over a device, with everything it emits recorded. */
export function runtimeOver(device: AndroidDevice | IosDevice, push?: PushConfig, app: AppState = 'active') {
  const events: RuntimeEvent[] = [];
  const runtime: Runtime = createRuntime({
    port: device,
    platform: device.platformInfo(),
    clock: device.clock,
    newUuid,
    app,
    permissions: { microphone: 'granted', camera: 'granted', notifications: 'granted' },
    ...(push === undefined ? {} : { push }),
  });
  runtime.on((event) => events.push(event));
  const errors = () => events.flatMap((event) => (event.type === 'error' ? [event.error] : []));
  return { runtime, events, errors };
}

/** An Android 14 phone whose first JavaScript session joined `callId`, then reloaded with the service running. */
export async function androidAfterReload(callId: string) {
  const device = createAndroidDevice({
    apiLevel: 34,
    declared: ['FOREGROUND_SERVICE', 'FOREGROUND_SERVICE_MEDIA_PLAYBACK', 'FOREGROUND_SERVICE_MICROPHONE'],
    serviceTypes: ['mediaPlayback', 'microphone'],
    granted: ['RECORD_AUDIO', 'POST_NOTIFICATIONS'],
  });
  const first = runtimeOver(device);
  await first.runtime.start();
  const call = createFakeCall(callId);
  first.runtime.track(call);
  call.joined(device.clock.now());
  await first.runtime.idle();
  if (!device.observe().service.foreground)
    throw new Error('set-up: the first session did not start the keeper');
  first.runtime.dispose();
  device.reloadJs();
  device.setApp('background');
  return { device, call };
}

/** An iPhone whose first JavaScript session put `callId` in CallKit, then reloaded with the call still there. */
export async function iosAfterReload(callId: string) {
  const device = createIosDevice({ backgroundModes: ['audio', 'voip'] });
  const first = runtimeOver(device, { ios: { enableOngoingCalls: true } });
  await first.runtime.start();
  const call = createFakeCall(callId);
  first.runtime.track(call);
  call.joining();
  call.joined(device.clock.now());
  await first.runtime.idle();
  if (Object.keys(device.observe().calls).length !== 1) throw new Error('set-up: no CallKit call');
  first.runtime.dispose();
  device.reloadJs();
  return { device, call };
}
