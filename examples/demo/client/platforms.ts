// "What would a phone show?": the same call fed to keepcall's engine twice more, over
// keepcall/testing's Android 14 and iOS models, rendered as a notification shade and a CallKit
// screen. Their buttons act on the real call, as the phone's would.

import { type AppState, type CallLike, createRuntime, type Runtime } from '../../../src/core/index';
import {
  type AndroidDevice,
  createAndroidDevice,
  createIosDevice,
  createVirtualClock,
  type IosDevice,
  MEDIA_PROFILE_PERMISSIONS,
} from '../../../src/testing/index';
import { elapsed, h } from './dom';

const ANDROID_DECLARED = [...MEDIA_PROFILE_PERMISSIONS, 'RECORD_AUDIO', 'CAMERA'];

/** Two simulated phones following the page's call. */
export class PlatformPreviews {
  private readonly android: AndroidDevice;
  private readonly ios: IosDevice;
  private readonly runtimes: Runtime[];
  private untrack: (() => void)[] = [];

  /** Builds both devices and their engines; `onChange` re-renders the page. */
  constructor(onChange: () => void) {
    this.android = createAndroidDevice({
      apiLevel: 34,
      declared: ANDROID_DECLARED,
      serviceTypes: ['mediaPlayback', 'microphone', 'camera'],
      granted: ['RECORD_AUDIO', 'CAMERA', 'POST_NOTIFICATIONS'],
      clock: createVirtualClock(Date.now()),
    });
    this.ios = createIosDevice({ backgroundModes: ['audio', 'voip'], clock: createVirtualClock(Date.now()) });
    const granted = { notifications: 'granted', microphone: 'granted', camera: 'granted' } as const;
    this.runtimes = [
      createRuntime({ port: this.android, platform: this.android.platformInfo(), permissions: granted }),
      createRuntime({
        port: this.ios,
        platform: this.ios.platformInfo(),
        permissions: granted,
        push: { ios: { enableOngoingCalls: true } },
      }),
    ];
    for (const runtime of this.runtimes) {
      runtime.on((event) => event.type === 'change' && onChange());
      void runtime.start();
    }
    // The models keep their own (virtual) time; move it with the real one.
    setInterval(() => {
      this.android.advance(1000);
      this.ios.advance(1000);
    }, 1000);
  }

  /** Feeds a new call to both phones. */
  track(call: CallLike): void {
    for (const stop of this.untrack) stop();
    this.untrack = this.runtimes.map((runtime) => runtime.track(call));
  }

  /** The phones follow the tab: hidden tab, backgrounded app. */
  setApp(state: AppState): void {
    this.android.setApp(state);
    this.ios.setApp(state);
  }

  /** The two phone pictures. */
  render(): HTMLElement[] {
    return [this.renderAndroid(), this.renderIos()];
  }

  private renderAndroid(): HTMLElement {
    const seen = this.android.observe();
    const n = seen.notification;
    const body =
      n?.visible === true
        ? h(
            'div.notification',
            {},
            h(
              'div.n-head',
              {},
              h('span.n-icon', {}, '☎'),
              h('span', {}, `keepcall demo · ${elapsed(n.spec.startedAt)}`),
              h('span.n-chip', {}, n.dismissible ? 'dismissible' : 'ongoing'),
            ),
            h('div.n-title', {}, n.spec.title),
            h('div.n-body', {}, n.spec.body),
            h(
              'div.n-actions',
              {},
              ...n.spec.actions.map((action) => {
                const button = h(
                  action.id === 'hangup' ? 'button.n-hangup' : 'button.n-action',
                  {},
                  action.label,
                );
                button.addEventListener('click', () => this.android.tapAction(action.id));
                return button;
              }),
            ),
          )
        : h('div.empty', {}, 'No notification');
    const service = seen.service.running
      ? `foreground service: ${seen.service.types.join(' · ') || '—'}`
      : 'no foreground service';
    return h(
      'section.phone.android',
      {},
      h('div.phone-label', {}, 'Android 14 · keepcall/testing model'),
      h('div.screen', {}, h('div.statusbar', {}, h('span', {}, clock()), h('span', {}, '▼ ◆ ▮')), body),
      h('div.caption', {}, service, seen.crashed ? ` · CRASH ${seen.crashed.exception}` : ''),
    );
  }

  private renderIos(): HTMLElement {
    const seen = this.ios.observe();
    const [callId, call] = Object.entries(seen.calls)[0] ?? [];
    const screen =
      callId && call
        ? h(
            'div.callkit',
            {},
            h('div.ck-name', {}, call.displayName ?? 'Call'),
            h(
              'div.ck-sub',
              {},
              call.phase === 'connected'
                ? `keepcall ${call.hasVideo ? 'Video' : 'Audio'} · ${callTimer(call.uuid)}`
                : 'connecting…',
            ),
            h(
              'div.ck-buttons',
              {},
              this.ckButton(call.muted ? 'ck-on' : 'ck-off', call.muted ? 'unmute' : 'mute', () =>
                this.ios.systemMute(callId, !call.muted),
              ),
              this.ckButton('ck-end', 'end', () => this.ios.systemEnd(callId)),
            ),
          )
        : h('div.empty', {}, 'No CallKit call');
    return h(
      'section.phone.ios',
      {},
      h('div.phone-label', {}, 'iOS · CallKit · keepcall/testing model'),
      h(
        'div.screen',
        {},
        h('div.statusbar', {}, h('span', {}, clock()), h('span', {}, callId ? '● call' : '')),
        screen,
      ),
      h('div.caption', {}, seen.audioSessionActive ? 'audio session active' : 'audio session inactive'),
    );
  }

  private ckButton(kind: string, label: string, onClick: () => void): HTMLElement {
    const button = h(`button.${kind}`, {}, label);
    button.addEventListener('click', onClick);
    return button;
  }
}

const connectedAt = new Map<string, number>();

/** CallKit's timer counts from when the call first showed as connected. */
function callTimer(callId: string): string {
  if (!connectedAt.has(callId)) connectedAt.set(callId, Date.now());
  return elapsed(connectedAt.get(callId));
}

function clock(): string {
  return new Date().toTimeString().slice(0, 5);
}
