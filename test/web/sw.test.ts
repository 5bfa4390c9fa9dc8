// keepcall's service-worker side over a scripted worker scope: what a click on the notification
// does (focus or open the call page; hang up reaches the page) and that other notifications are
// left alone.
import { afterEach, describe, expect, it } from 'vitest';
import { CHANNEL_NAME } from '../../src/web/env';
import { installKeepCallWorker } from '../../src/web/sw';

type Handler = (event: Record<string, unknown>) => void;

function fakeScope(windows: { url: string }[]) {
  const handlers = new Map<string, Handler>();
  const focused: string[] = [];
  const opened: string[] = [];
  const closed: string[] = [];
  const scope = {
    addEventListener: (type: string, handler: Handler) => handlers.set(type, handler),
    clients: {
      matchAll: async () => windows.map((w) => ({ url: w.url, focus: async () => focused.push(w.url) })),
      openWindow: async (url: string) => opened.push(url),
    },
    registration: { getNotifications: async () => [] },
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
  return { click, focused, opened, closed, handlers };
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

  it('leaves notifications that are not keepcall’s alone', async () => {
    const worker = fakeScope([{ url: data.url }]);
    await worker.click('hangup', { from: 'another library' });
    expect(worker.closed).toEqual([]);
    expect(worker.focused).toEqual([]);
  });
});
