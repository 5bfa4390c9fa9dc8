// keepcall's service-worker side over a scripted worker scope: what a click on the notification
// does (focus or open the call page; hang up reaches the page) and that other notifications are
// left alone.
import { afterEach, describe, expect, it } from 'vitest';
import { CHANNEL_NAME } from '../../src/web/env';
import { installKeepCallWorker } from '../../src/web/sw';

type Handler = (event: Record<string, unknown>) => void;

function fakeScope(windows: { url: string; id?: string }[], shown: { data: unknown; tag: string }[] = []) {
  const handlers = new Map<string, Handler>();
  const focused: string[] = [];
  const opened: string[] = [];
  const closed: string[] = [];
  const client = (w: { url: string; id?: string }) => ({
    id: w.id ?? w.url,
    url: w.url,
    focus: async () => focused.push(w.id ?? w.url),
  });
  const scope = {
    addEventListener: (type: string, handler: Handler) => handlers.set(type, handler),
    clients: {
      // Chromium lists the most recently focused window first.
      matchAll: async () => windows.map(client),
      get: async (id: string) => windows.map(client).find((w) => w.id === id),
      openWindow: async (url: string) => opened.push(url),
    },
    registration: {
      getNotifications: async () => shown.map((n) => ({ ...n, close: () => closed.push(n.tag) })),
    },
  };
  installKeepCallWorker(scope as unknown as ServiceWorkerGlobalScope);
  const click = async (action: string, data: unknown) => {
    let done: Promise<unknown> = Promise.resolve();
    handlers.get('notificationclick')?.({
      action,
      notification: { data, close: () => closed.push(action) },
      waitUntil: (p: Promise<unknown>) => {
        done = p;
      },
    });
    await done;
  };
  /** A page's `hello`, from the window with `clientId`; resolves with what the worker answered on the port. */
  const hello = async (clientId: string) => {
    const answers: unknown[] = [];
    let done: Promise<unknown> = Promise.resolve();
    handlers.get('message')?.({
      data: { keepcall: 1, type: 'hello' },
      source: { id: clientId },
      ports: [{ postMessage: (answer: unknown) => answers.push(answer) }],
      waitUntil: (p: Promise<unknown>) => {
        done = p;
      },
    });
    await done;
    return answers;
  };
  return { click, hello, focused, opened, closed, handlers };
}

const data = { keepcall: 1, callId: 'room:1', pageId: 'page-1', url: 'https://app.example/call' };
const channels: BroadcastChannel[] = [];
afterEach(() => {
  for (const c of channels.splice(0)) c.close();
});

function listen(): unknown[] {
  const received: unknown[] = [];
  const channel = new BroadcastChannel(CHANNEL_NAME);
  channel.onmessage = (event) => received.push(event.data);
  channels.push(channel);
  return received;
}

describe('keepcall service worker', () => {
  it('Hang up closes the notification and tells the page which call and page', async () => {
    const received = listen();
    const worker = fakeScope([{ url: data.url }]);
    await worker.click('hangup', data);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(worker.closed).toEqual(['hangup']);
    expect(received).toContainEqual({
      keepcall: 1,
      type: 'action',
      action: 'hangup',
      callId: 'room:1',
      pageId: 'page-1',
    });
    expect(worker.focused).toEqual([]);
  });

  it('a click on the notification focuses the call page, or opens it when it is gone', async () => {
    const open = fakeScope([{ url: 'https://app.example/other' }, { url: data.url }]);
    await open.click('', data);
    expect(open.focused).toEqual([data.url]);
    const gone = fakeScope([]);
    await gone.click('return', data);
    expect(gone.opened).toEqual([data.url]);
  });

  it('a click focuses the tab that showed the notification, not another tab at the same URL', async () => {
    const tabs = [
      { url: data.url, id: 'tab-b' }, // in front: matchAll lists it first
      { url: data.url, id: 'tab-a' },
    ];
    const worker = fakeScope(tabs);
    await worker.click('return', { ...data, clientId: 'tab-a' });
    expect(worker.focused).toEqual(['tab-a']);
    // Its tab is gone: the call page opens again rather than an unrelated tab coming forward.
    const gone = fakeScope([{ url: data.url, id: 'tab-b' }]);
    await gone.click('return', { ...data, clientId: 'tab-a' });
    expect(gone.focused).toEqual([]);
    expect(gone.opened).toEqual([data.url]);
  });

  it('answers a page’s hello with its client id and closes the notifications of pages that are gone', async () => {
    const shown = [
      { tag: 'call#dead', data: { ...data, pageId: 'dead', clientId: 'tab-dead' } },
      { tag: 'call#live', data: { ...data, pageId: 'live', clientId: 'tab-live' } },
      { tag: 'call#old', data: { ...data, pageId: 'old' } }, // shown before pages said hello: left as it is
      { tag: 'other', data: { from: 'another library', clientId: 'tab-dead' } },
    ];
    const worker = fakeScope(
      [
        { url: data.url, id: 'tab-live' },
        { url: data.url, id: 'tab-new' },
      ],
      shown,
    );
    expect(await worker.hello('tab-new')).toEqual([{ keepcall: 1, type: 'client', clientId: 'tab-new' }]);
    expect(worker.closed).toEqual(['call#dead']);
  });

  it('one of the app’s own buttons tells the page its id and call, and neither focuses a tab nor closes the notification', async () => {
    const received = listen();
    const worker = fakeScope([{ url: data.url, id: 'tab-a' }]);
    await worker.click('app:raise-hand', { ...data, clientId: 'tab-a' });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(received).toEqual([
      { keepcall: 1, type: 'app', id: 'raise-hand', callId: 'room:1', pageId: 'page-1' },
    ]);
    expect(worker.focused).toEqual([]);
    expect(worker.opened).toEqual([]);
    expect(worker.closed).toEqual([]);
  });

  it('a click on the notification itself tells the page (a tap) as it focuses it', async () => {
    const received = listen();
    const worker = fakeScope([{ url: data.url, id: 'tab-a' }]);
    await worker.click('', { ...data, clientId: 'tab-a' });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(received).toEqual([
      { keepcall: 1, type: 'action', action: 'return', callId: 'room:1', pageId: 'page-1' },
    ]);
    expect(worker.focused).toEqual(['tab-a']);
  });

  it('leaves notifications that are not keepcall’s alone', async () => {
    const worker = fakeScope([{ url: data.url }]);
    await worker.click('hangup', { from: 'another library' });
    expect(worker.closed).toEqual([]);
    expect(worker.focused).toEqual([]);
  });
});
