// The RTCPeerConnection adapter over Chromium's real RTCPeerConnection and real (fake-device)
// tracks: two connections in one page, connected over loopback. What the Node unit test can only
// assume about the browser — which states it goes through, that `close()` fires no event, that a
// disabled track is what "muted" means — is checked here.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, type RealChromium } from '../e2e/chromium';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
let chrome: RealChromium;
let server: Server;
let page: Page;

beforeAll(async () => {
  // The adapter as an app would ship it, exposed to the page as `window.keepcallWebrtc`.
  const bundle = await build({
    entryPoints: [resolve(root, 'src/adapters/webrtc.ts')],
    bundle: true,
    write: false,
    format: 'iife',
    globalName: 'keepcallWebrtc',
    logLevel: 'silent',
  });
  const script = bundle.outputFiles[0]?.text ?? '';
  server = createServer((request, response) => {
    if (request.url === '/adapter.js') {
      response.writeHead(200, { 'content-type': 'text/javascript' }).end(script);
    } else {
      response
        .writeHead(200, { 'content-type': 'text/html' })
        .end('<!doctype html><script src="/adapter.js"></script>');
    }
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  chrome = await launchChromium();
  await chrome.context.grantPermissions(['microphone', 'camera'], { origin });
  page = await chrome.context.newPage();
  await page.goto(origin);
}, 60_000);

afterAll(async () => {
  // Chromium's helpers may still write to the temporary profile while it is removed; a leftover
  // temp directory is not this test's concern.
  await chrome?.close().catch((error: NodeJS.ErrnoException) => {
    if (error.code !== 'ENOTEMPTY') throw error;
  });
  await new Promise((done) => server?.close(done));
});

describe('fromPeerConnection in Chromium', () => {
  it('follows a real connection: joining, joined with the real tracks, mute, camera, hang-up', async () => {
    const result = await page.evaluate(async () => {
      type Signal = { type: string; media?: { audio: boolean; video: boolean; muted: boolean } };
      const { fromPeerConnection } = (
        window as unknown as { keepcallWebrtc: typeof import('../../src/adapters/webrtc') }
      ).keepcallWebrtc;
      const local = new RTCPeerConnection();
      const remote = new RTCPeerConnection();
      local.onicecandidate = (event) => event.candidate && remote.addIceCandidate(event.candidate);
      remote.onicecandidate = (event) => event.candidate && local.addIceCandidate(event.candidate);
      const stream = await navigator.mediaDevices.getUserMedia({ audio: true, video: true });
      for (const track of stream.getTracks()) local.addTrack(track, stream);
      const call = fromPeerConnection(local, { id: 'chromium-call' });
      const signals: Signal[] = [];
      call.subscribe((signal) => signals.push(signal as Signal));
      const until = async (what: () => boolean) => {
        for (let i = 0; i < 200 && !what(); i++) await new Promise((r) => setTimeout(r, 50));
      };
      await local.setLocalDescription(await local.createOffer());
      await remote.setRemoteDescription(local.localDescription as RTCSessionDescription);
      await remote.setLocalDescription(await remote.createAnswer());
      await local.setRemoteDescription(remote.localDescription as RTCSessionDescription);
      await until(() => signals.some((signal) => signal.type === 'joined'));
      const joined = signals.find((signal) => signal.type === 'joined');
      await call.setMuted(true);
      const audioEnabledAfterMute = stream.getAudioTracks().every((track) => track.enabled);
      await call.setCameraEnabled?.(false);
      const afterCamera = signals.at(-1);
      await call.hangup();
      await new Promise((r) => setTimeout(r, 100));
      const result = {
        types: signals.map((signal) => signal.type),
        joined,
        audioEnabledAfterMute,
        afterCamera,
        state: local.connectionState,
        tracksEnded: stream.getTracks().every((track) => track.readyState === 'ended'),
      };
      remote.close();
      return result;
    });
    // The real camera is on from the start: the engine hears it at joining, before the join completes.
    expect(result.types.slice(0, 3)).toEqual(['joining', 'media', 'joined']);
    expect(result.joined?.media).toEqual({ audio: true, video: true, muted: false });
    expect(result.audioEnabledAfterMute).toBe(false);
    expect(result.afterCamera).toEqual({ type: 'media', media: { audio: true, video: false, muted: true } });
    expect(result.types.at(-1)).toBe('left');
    expect(result.types).not.toContain('closed');
    expect(result.state).toBe('closed');
    expect(result.tracksEnded).toBe(true);
  });
});
