// The demo's signaling server against malformed input: every bad message is answered with an
// error naming what is wrong, and the server keeps serving well-formed clients afterwards.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { MAX_MESSAGE_BYTES } from '../../examples/demo/protocol';
import { type DemoServer, startDemo } from '../../examples/demo/server';

let demo: DemoServer;

beforeAll(async () => {
  demo = await startDemo();
});
afterAll(async () => {
  await demo?.close();
});

/** A raw WebSocket client that collects the server's messages. */
async function connect(): Promise<{ socket: WebSocket; next(): Promise<Record<string, unknown>> }> {
  const socket = new WebSocket(`${demo.url.replace('http', 'ws')}ws`);
  const inbox: Record<string, unknown>[] = [];
  const waiting: ((m: Record<string, unknown>) => void)[] = [];
  socket.on('message', (data) => {
    const message = JSON.parse(String(data)) as Record<string, unknown>;
    const waiter = waiting.shift();
    if (waiter) waiter(message);
    else inbox.push(message);
  });
  await new Promise((resolve, reject) => {
    socket.once('open', resolve);
    socket.once('error', reject);
  });
  return {
    socket,
    next: () =>
      new Promise((resolve, reject) => {
        const queued = inbox.shift();
        if (queued) return resolve(queued);
        const timer = setTimeout(() => reject(new Error('no reply from the server')), 3000);
        waiting.push((m) => {
          clearTimeout(timer);
          resolve(m);
        });
      }),
  };
}

describe('demo signaling server', () => {
  it('answers each malformed message with an error and keeps the connection', async () => {
    const client = await connect();
    const cases: [string | Buffer, string, RegExp][] = [
      ['{not json', 'bad-json', /not valid JSON/],
      ['[1,2,3]', 'bad-message', /must be a JSON object/],
      ['{"type":"explode"}', 'bad-message', /type must be one of join, signal, leave, ping; got "explode"/],
      ['{"type":"join","room":"../etc","name":"x"}', 'bad-message', /join.room must match/],
      ['{"type":"join","room":"ok","name":""}', 'bad-message', /join.name must be/],
      ['{"type":"ping","seq":-1}', 'bad-message', /ping.seq must be a non-negative integer/],
      [
        '{"type":"signal","to":"p00000000","data":{"sdp":{"type":"offer","sdp":"x"}}}',
        'not-in-room',
        /join a room/,
      ],
      [`{"type":"ping","seq":1,"pad":"${'x'.repeat(MAX_MESSAGE_BYTES)}"}`, 'too-large', /at most 65536/],
      [Buffer.from([1, 2, 3]), 'bad-message', /binary messages are not accepted/],
    ];
    for (const [raw, code, message] of cases) {
      client.socket.send(raw);
      const reply = await client.next();
      expect(reply, String(raw).slice(0, 60)).toMatchObject({ type: 'error', code });
      expect(String(reply.message)).toMatch(message);
    }
    // Still the same healthy connection: a well-formed join works.
    client.socket.send(JSON.stringify({ type: 'join', room: 'ok', name: 'Ada' }));
    expect(await client.next()).toMatchObject({ type: 'joined', room: 'ok', peers: [] });
    client.socket.send(JSON.stringify({ type: 'signal', to: 'p00000000', data: { candidate: null } }));
    expect(await client.next()).toMatchObject({ type: 'error', code: 'unknown-peer' });
    client.socket.send(
      JSON.stringify({ type: 'signal', to: 'p00000000', data: { sdp: { type: 'bogus', sdp: 1 } } }),
    );
    expect(await client.next()).toMatchObject({ type: 'error', code: 'bad-message' });
    client.socket.close();
  });

  it('keeps serving other clients after a client floods it with garbage and disconnects abruptly', async () => {
    const rogue = await connect();
    for (let i = 0; i < 50; i++) rogue.socket.send(i % 2 ? '\u0000\u0001' : '{"type":null}');
    for (let i = 0; i < 50; i++) expect(await rogue.next()).toMatchObject({ type: 'error' });
    rogue.socket.send('{"type":"ping"'); // and one more, cut off mid-stream
    rogue.socket.terminate();
    const [one, two] = [await connect(), await connect()];
    one.socket.send(JSON.stringify({ type: 'join', room: 'after', name: 'One' }));
    const joined = await one.next();
    two.socket.send(JSON.stringify({ type: 'join', room: 'after', name: 'Two' }));
    expect(await two.next()).toMatchObject({ type: 'joined', peers: [{ id: joined.id, name: 'One' }] });
    expect(await one.next()).toMatchObject({ type: 'peer-joined', peer: { name: 'Two' } });
    const rejected = demo.signaling.rejected();
    expect((rejected['bad-json'] ?? 0) + (rejected['bad-message'] ?? 0)).toBeGreaterThanOrEqual(50);
    one.socket.close();
    two.socket.close();
  });
});
