// The demo call page. With keepcall (default) the call is tracked by `KeepCall`; with
// `?keepcall=off` it is the same call without keepcall — the control the tests compare against.
import {
  type ConfigInput,
  KeepCall,
  type RuntimeEvent,
  type RuntimeState,
  registerKeepCallWorker,
  requestNotificationPermission,
  webPort,
} from '../../../src/web/index';
import { h } from './dom';
import { MeshCall } from './mesh-call';
import { PlatformPreviews } from './platforms';
import { EventLog, renderBrowserNotification, renderWebCard } from './status';

const params = new URLSearchParams(location.search);
const keepcallOn = params.get('keepcall') !== 'off';
const log = new EventLog();
let call: MeshCall | undefined;
let untrack: (() => void) | undefined;
let previews: PlatformPreviews | undefined;
const serverErrors: string[] = [];
/** The notification's taps and the app's own buttons, as KeepCall.on reported them. */
const notificationEvents: Extract<RuntimeEvent, { type: 'tap' | 'action' }>[] = [];
/**
 * performance.now() marks the web benchmarks read: joined → Media Session set, hidden → notification shown,
 * and for a join while hidden, joined → notification shown.
 */
const timings = {
  joins: [] as { joined: number; hidden: boolean; keeper?: number; notified?: number }[],
  hides: [] as { hidden: number; shown?: number }[],
};
document.addEventListener('visibilitychange', () => {
  if (document.visibilityState === 'hidden' && call?.state === 'joined')
    timings.hides.push({ hidden: performance.now() });
});

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const form = $<HTMLFormElement>('join');
const roomInput = $<HTMLInputElement>('room');
const nameInput = $<HTMLInputElement>('name');
const videoInput = $<HTMLInputElement>('video');
roomInput.value = params.get('room') ?? 'demo';
nameInput.value = params.get('name') ?? `Guest ${Math.floor(Math.random() * 90 + 10)}`;
$('mode').textContent = keepcallOn ? 'keepcall on' : 'keepcall off (control)';
$('mode').className = keepcallOn ? 'badge on' : 'badge off';

const workerReady = registerKeepCallWorker('/sw.js').catch((error) => {
  log.note(`service worker not registered: ${String(error)}`);
  return undefined;
});

if (keepcallOn) {
  KeepCall.on((event) => {
    log.record(event);
    if (event.type === 'tap' || event.type === 'action') {
      notificationEvents.push(event);
      log.note(event.type === 'tap' ? 'notification tapped' : `notification action ${event.id}`);
    }
    if (event.type === 'command' && !event.error) {
      const now = performance.now();
      const join = timings.joins.at(-1);
      const hide = timings.hides.at(-1);
      if (event.command.kind === 'web.session' && event.command.session && join && join.keeper === undefined)
        join.keeper = now;
      if (event.command.kind === 'web.notification' && event.command.notification) {
        if (hide && hide.shown === undefined) hide.shown = now;
        if (join?.hidden && join.notified === undefined) join.notified = now;
      }
    }
    if (event.type === 'change') render();
  });
  webPort().subscribe((event) => {
    if (event.type === 'hangup' || event.type === 'mute' || event.type === 'camera') {
      log.note(`${event.type} from ${event.source}`);
    }
    if (event.type === 'app') previews?.setApp(event.state);
  });
  webPort().onUnsupported((error) => log.note(`unsupported: ${error.message}`, false));
}

form.addEventListener('submit', (event) => {
  event.preventDefault();
  void join(roomInput.value.trim(), nameInput.value.trim(), videoInput.checked);
});
$('mute').addEventListener('click', () => void call?.setMuted(!call.media.muted));
$('camera').addEventListener('click', () => void call?.setCameraEnabled(!call.media.video));
$('hangup').addEventListener('click', () => void call?.hangup());
// A tab closed, reloaded or navigated away leaves the room at once: without the `leave`, the server
// keeps its seat until the dropped socket times out, and the others see a ghost meanwhile. A page
// kept in the back/forward cache (`persisted`) may come back, so it stays.
addEventListener('pagehide', (event: PageTransitionEvent) => {
  if (!event.persisted) void call?.hangup();
});

/** Joins a room; the tests call it through `window.demo`. */
async function join(room: string, name: string, video: boolean): Promise<void> {
  if (call && call.state !== 'left') return;
  await workerReady;
  const signalingUrl = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/ws`;
  const next = new MeshCall({ signalingUrl, room, name, video });
  call = next;
  let marked = false;
  // Subscribed before keepcall tracks the call, so the mark is taken before keepcall hears "joined".
  next.subscribe((signal) => {
    if (signal.type !== 'joined' || marked) return;
    marked = true;
    timings.joins.push({ joined: performance.now(), hidden: document.visibilityState === 'hidden' });
  });
  next.onChange = render;
  next.onServerError = (message) => {
    serverErrors.push(message);
    log.note(`signaling error ${message}`);
  };
  if (keepcallOn) {
    // Asked from the Join click: browsers only show the prompt for a user gesture.
    await requestNotificationPermission().catch(() => undefined);
    untrack?.();
    untrack = KeepCall.track(next);
    previews ??= new PlatformPreviews(render);
    previews.track(next);
  }
  await next.join();
  render();
}

function render(): void {
  const live = call !== undefined && call.state !== 'left';
  document.body.classList.toggle('in-call', live);
  $('mute').textContent = call?.media.muted ? 'Unmute' : 'Mute';
  $('camera').textContent = call?.media.video ? 'Camera off' : 'Camera on';
  renderVideos();
  const state: RuntimeState | undefined = keepcallOn ? KeepCall.getState() : undefined;
  $('web-card').replaceChildren(renderWebCard(state, log));
  $('platforms').replaceChildren(...(previews?.render() ?? []));
  $('browser-notification').replaceChildren(renderBrowserNotification(state));
  const title = call && live ? `${call.displayName} · ${call.remotes.size + 1} in call` : 'Not in a call';
  $('call-title').textContent = title;
}

function renderVideos(): void {
  const grid = $('videos');
  const tiles: HTMLElement[] = [];
  if (call && call.state !== 'left') {
    tiles.push(tile('local', call.local, `${call.name} (you)${call.media.muted ? ' · muted' : ''}`, true));
    for (const remote of call.remotes.values())
      tiles.push(tile(remote.id, remote.stream, remote.name, false));
  }
  // Reuse video elements so playback does not restart on every render.
  const keep = new Set(tiles.map((t) => t.dataset.id));
  for (const child of [...grid.children] as HTMLElement[]) if (!keep.has(child.dataset.id)) child.remove();
  for (const t of tiles) if (!grid.querySelector(`[data-id="${t.dataset.id}"]`)) grid.append(t);
  for (const t of tiles) {
    const existing = grid.querySelector<HTMLElement>(`[data-id="${t.dataset.id}"]`);
    const label = existing?.querySelector('.label');
    if (label) label.textContent = t.querySelector('.label')?.textContent ?? '';
    const video = existing?.querySelector('video');
    const stream = (t.querySelector('video') as HTMLVideoElement).srcObject;
    if (video && stream && video.srcObject !== stream) video.srcObject = stream;
  }
}

function tile(id: string, stream: MediaStream | undefined, label: string, muted: boolean): HTMLElement {
  const video = h('video', { autoplay: '', playsinline: '' }) as HTMLVideoElement;
  video.muted = muted;
  if (stream) video.srcObject = stream;
  const el = h('div.tile', {}, video, h('span.label', {}, label));
  el.dataset.id = id;
  return el;
}

setInterval(render, 1000);
render();

/** What the end-to-end tests and benchmarks drive and read. */
const demo = {
  keepcall: keepcallOn,
  join,
  hangup: () => call?.hangup(),
  state: () => ({
    joined: call?.state === 'joined',
    callState: call?.state ?? 'idle',
    endReason: call?.endReason ?? '',
    selfId: call?.selfId ?? '',
    peers: call
      ? [...call.remotes.values()].map((r) => ({ id: r.id, name: r.name, connection: r.pc.connectionState }))
      : [],
    signalingOpen: call?.signalingOpen ?? false,
    heartbeatsAcked: call?.heartbeatsAcked ?? 0,
    visibility: document.visibilityState,
    serverErrors: [...serverErrors],
    keeper: keepcallOn ? JSON.parse(JSON.stringify(KeepCall.getState().actual)) : null,
    app: keepcallOn ? KeepCall.getState().model.app : null,
    pageId: keepcallOn ? webPort().pageId : '',
  }),
  inboundAudioPackets: () => call?.inboundAudioPackets() ?? Promise.resolve(0),
  timings: () => timings,
  /** Shapes the notification (the app's own buttons, say) as an app would. */
  updateConfig: (patch: ConfigInput) => KeepCall.updateConfig(patch),
  notificationEvents: () => [...notificationEvents],
  idle: () => (keepcallOn ? KeepCall.runtime().idle() : Promise.resolve()),
  /** Tracks whatever it is given, as a buggy app might; returns the error keepcall threw, if any. */
  trackAnything: (input: unknown) => {
    try {
      KeepCall.track(input as Parameters<typeof KeepCall.track>[0]);
      return null;
    } catch (error) {
      const { name, message } = error as Error;
      return { name, message, code: (error as { code?: string }).code ?? '' };
    }
  },
  /** The id keepcall tracks the current call under. */
  callId: () => call?.id ?? '',
};
(window as unknown as { demo: typeof demo }).demo = demo;
