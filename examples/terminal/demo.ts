// A terminal demo: scripted calls played through keepcall's real engine on the Android and iOS
// models, printing after each step what the device would show. Nothing here is recorded.
import { createRuntime, type Runtime, type RuntimeEvent } from '../../src/core';
import {
  type AndroidDevice,
  type AndroidDeviceOptions,
  createAndroidDevice,
  createFakeCall,
  createIosDevice,
  type FakeCall,
  type IosDevice,
  MEDIA_PROFILE_PERMISSIONS,
} from '../../src/testing';

const color = process.stdout.isTTY && !process.env.NO_COLOR;
const paint = (code: number) => (text: string) => (color ? `\x1b[${code}m${text}\x1b[0m` : text);
const bold = paint(1);
const dim = paint(2);
const red = paint(31);
const green = paint(32);
const cyan = paint(36);

function header(title: string) {
  console.log(`\n${bold(cyan(`━━ ${title} `.padEnd(78, '━')))}`);
}

function listen(runtime: Runtime, lines: string[]) {
  runtime.on((event: RuntimeEvent) => {
    if (event.type === 'command') {
      const { kind, ...rest } = event.command;
      const detail =
        'types' in rest ? ` [${rest.types.join(', ')}]` : 'callId' in rest ? ` ${rest.callId}` : '';
      lines.push(
        event.error ? red(`  ✗ ${kind}${detail} → ${event.error.code}`) : dim(`  → ${kind}${detail}`),
      );
    }
    if (event.type === 'error' && !lines.some((line) => line.includes(event.error.message))) {
      lines.push(red(`  ! ${event.error.code}: ${event.error.message}`));
    }
    if (event.type === 'audio')
      lines.push(dim(`  ♪ audio session ${event.active ? 'activated' : 'deactivated'}`));
  });
}

function showAndroid(device: AndroidDevice) {
  const seen = device.observe();
  const n = seen.notification;
  const service = seen.service.running
    ? green(`running [${seen.service.types.join(', ') || 'no type'}]`)
    : 'stopped';
  console.log(`  service: ${service}`);
  if (n) {
    const actions = n.spec.actions.map((action) => `[${action.label}]`).join(' ');
    const flags = [n.visible ? 'visible' : red('hidden'), n.dismissible ? 'dismissible' : 'not dismissible'];
    console.log(
      `  notification: ${bold(n.spec.title)} — ${n.spec.person} ${actions}  ${dim(flags.join(', '))}`,
    );
  } else {
    console.log('  notification: none');
  }
  const alive =
    seen.processAlive === true ? green('yes') : seen.processAlive === 'unknown' ? 'unknown' : red('no');
  const mic = seen.microphoneCaptures ? green('captures') : red('silent');
  console.log(
    `  process alive: ${alive}   microphone: ${mic}   camera: ${seen.cameraCaptures ? green('on') : 'off'}`,
  );
  if (seen.crashed) console.log(red(`  CRASH: ${seen.crashed.exception} (${seen.crashed.rule})`));
}

function showIos(device: IosDevice) {
  const seen = device.observe();
  const calls = Object.entries(seen.calls);
  if (calls.length === 0) console.log('  CallKit: no call');
  for (const [callId, call] of calls) {
    const state = [call.phase, call.muted ? 'muted' : 'unmuted', call.held ? 'on hold' : '']
      .filter(Boolean)
      .join(', ');
    console.log(`  CallKit: ${bold(call.displayName ?? callId)} ${dim(`(${state})`)}`);
  }
  const alive =
    seen.processAlive === true
      ? green('yes')
      : seen.processAlive === 'unknown'
        ? 'unknown'
        : red('suspended');
  console.log(
    `  audio session: ${seen.audioSessionActive ? green('active') : 'inactive'}   app running: ${alive}`,
  );
}

async function androidScenario(
  title: string,
  options: AndroidDeviceOptions,
  script: (step: Stepper, device: AndroidDevice) => Promise<void>,
) {
  header(title);
  const device = createAndroidDevice(options);
  const grantedTo = (name: 'RECORD_AUDIO' | 'CAMERA' | 'POST_NOTIFICATIONS') =>
    options.granted?.includes(name) ? 'granted' : 'denied';
  const runtime = createRuntime({
    port: device,
    platform: device.platformInfo(),
    clock: device.clock,
    app: options.app ?? 'active',
    permissions: {
      microphone: grantedTo('RECORD_AUDIO'),
      camera: grantedTo('CAMERA'),
      notifications: grantedTo('POST_NOTIFICATIONS'),
    },
  });
  await runtime.start();
  await script(
    stepper(runtime, () => showAndroid(device), device.advance),
    device,
  );
  runtime.dispose();
}

async function iosScenario(title: string, script: (step: Stepper, device: IosDevice) => Promise<void>) {
  header(title);
  const device = createIosDevice({ backgroundModes: ['audio', 'voip'] });
  const runtime = createRuntime({
    port: device,
    platform: device.platformInfo(),
    clock: device.clock,
    push: { ios: { enableOngoingCalls: true } },
  });
  await runtime.start();
  await script(
    stepper(runtime, () => showIos(device), device.advance),
    device,
  );
  runtime.dispose();
}

type Stepper = { runtime: Runtime; step(label: string, action: () => void, waitMs?: number): Promise<void> };

function stepper(runtime: Runtime, show: () => void, advance: (ms: number) => void): Stepper {
  const lines: string[] = [];
  listen(runtime, lines);
  return {
    runtime,
    async step(label, action, waitMs = 0) {
      console.log(`\n${bold('▸')} ${label}`);
      action();
      await runtime.idle();
      advance(waitMs);
      await runtime.idle();
      for (const line of lines.splice(0)) console.log(line);
      show();
    },
  };
}

const FULL = {
  declared: [...MEDIA_PROFILE_PERMISSIONS],
  serviceTypes: [
    'mediaPlayback',
    'microphone',
    'camera',
    'phoneCall',
  ] as AndroidDeviceOptions['serviceTypes'],
};

async function main() {
  console.log(bold('keepcall — what the device would show, step by step'));
  console.log(dim('The real engine runs against the executable Android and iOS models of keepcall/testing.'));

  await androidScenario(
    'Android 14: a video call goes to the background',
    { apiLevel: 34, ...FULL, granted: ['RECORD_AUDIO', 'CAMERA', 'POST_NOTIFICATIONS'] },
    async ({ runtime, step }, device) => {
      const call: FakeCall = createFakeCall('call-1', { displayName: 'Ada Lovelace' });
      runtime.track(call);
      await step('The app joins a video call', () => call.joined(Date.now(), { video: true }));
      await step('The user presses HOME', () => device.setApp('background'));
      await step('The user taps "Mute" in the notification', () => device.tapAction('mute'));
      await step('The user taps "Hang up" in the notification', () => device.tapAction('hangup'));
    },
  );

  await androidScenario(
    'Android 14: camera permission denied, the app goes to the background',
    { apiLevel: 34, ...FULL, granted: ['RECORD_AUDIO', 'POST_NOTIFICATIONS'] },
    async ({ runtime, step }, device) => {
      const call = createFakeCall('call-2', { displayName: 'Grace Hopper' });
      runtime.track(call);
      await step('The app joins a video call (no CAMERA permission)', () =>
        call.joined(Date.now(), { video: true }),
      );
      await step('The user presses HOME', () => device.setApp('background'));
      await step(
        'The other side ends the call (the keeper lingers 1.5 s in case of a rejoin)',
        () => call.emit({ type: 'closed' }),
        2000,
      );
    },
  );

  await androidScenario(
    'Android 12: the call is joined while the app is already in the background',
    { apiLevel: 31, ...FULL, granted: ['RECORD_AUDIO', 'CAMERA'], app: 'background' },
    async ({ runtime, step }, device) => {
      const call = createFakeCall('call-3', { displayName: 'Alan Turing' });
      runtime.track(call);
      await step('The call joins from the background (a start here would throw, A2)', () =>
        call.joined(Date.now()),
      );
      await step('The user opens the app', () => device.setApp('active'));
    },
  );

  await iosScenario(
    'iOS: CallKit from joining to hang-up, with a cellular call on hold',
    async ({ runtime, step }, device) => {
      const call = createFakeCall('call-4', { displayName: 'Katherine Johnson' });
      runtime.track(call);
      await step('The app starts joining (CallKit starts now, I4)', () => call.joining());
      await step('The join completes', () => call.joined(Date.now()));
      await step('The user locks the phone', () => device.setApp('background'));
      await step('A cellular call puts it on hold (I9)', () => device.systemHold('call-4', true));
      await step('The cellular call ends; the call resumes', () => device.systemHold('call-4', false));
      await step('The user ends it from the lock screen (I6)', () => device.systemEnd('call-4'));
    },
  );
  console.log('');
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
