// The demo's signaling server: rooms of peers relaying WebRTC offers, answers and candidates.
// Malformed input gets an `error` message back; nothing a client sends can crash the process.
// A peer whose connection drops (a frozen tab, a network change) keeps its place for a grace
// period and can resume with its token; messages for it wait meanwhile.
import { randomBytes } from 'node:crypto';
import type { Server } from 'node:http';
import { type WebSocket, WebSocketServer } from 'ws';
import {
  type ClientMessage,
  MAX_MESSAGE_BYTES,
  type PeerInfo,
  parseClientMessage,
  type ServerMessage,
} from './protocol';

/** How long a disconnected peer keeps its place before the others see it leave. */
const RESUME_GRACE_MS = 30_000;
/** Messages kept for a disconnected peer, at most. */
const MAX_QUEUED = 200;

interface Peer extends PeerInfo {
  socket: WebSocket | undefined;
  token: string;
  room: string;
  heartbeats: number;
  joinedAt: number;
  queue: ServerMessage[];
  expiry: ReturnType<typeof setTimeout> | undefined;
}

/** What the server can tell about one peer (benchmarks read the heartbeats). */
export interface PeerStats {
  id: string;
  name: string;
  room: string;
  heartbeats: number;
  joinedAt: number;
  connected: boolean;
}

export interface Signaling {
  /** Every peer currently in a room. */
  peers(): PeerStats[];
  /** Messages rejected so far, by error code. */
  rejected(): Record<string, number>;
  close(): Promise<void>;
}

/** Serves signaling on `path` of an HTTP server. */
export function attachSignaling(server: Server, path = '/ws'): Signaling {
  // Frames up to 4× the message limit are read so that an oversized message gets an error reply
  // instead of a dropped connection; beyond that `ws` closes with 1009.
  const wss = new WebSocketServer({ server, path, maxPayload: 4 * MAX_MESSAGE_BYTES });
  const rooms = new Map<string, Map<string, Peer>>();
  const rejected: Record<string, number> = {};
  // The HTTP server's errors (a port in use) are re-emitted here; whoever started it handles them.
  wss.on('error', () => undefined);

  const reject = (
    socket: WebSocket,
    code: Extract<ServerMessage, { type: 'error' }>['code'],
    message: string,
  ) => {
    rejected[code] = (rejected[code] ?? 0) + 1;
    sendTo(socket, { type: 'error', code, message });
  };

  function remove(peer: Peer) {
    clearTimeout(peer.expiry);
    const room = rooms.get(peer.room);
    if (!room?.delete(peer.id)) return;
    for (const other of room.values()) deliver(other, { type: 'peer-left', id: peer.id });
    if (room.size === 0) rooms.delete(peer.room);
  }

  function join(socket: WebSocket, message: Extract<ClientMessage, { type: 'join' }>): Peer | undefined {
    const room = rooms.get(message.room) ?? new Map<string, Peer>();
    if (message.resume) {
      const peer = room.get(message.resume.id);
      if (!peer || peer.token !== message.resume.token) {
        reject(socket, 'resume-failed', `no peer ${message.resume.id} to resume in room ${message.room}`);
        return undefined;
      }
      clearTimeout(peer.expiry);
      peer.expiry = undefined;
      peer.socket?.terminate();
      peer.socket = socket;
      sendJoined(socket, peer, room, true);
      for (const queued of peer.queue.splice(0)) sendTo(socket, queued);
      return peer;
    }
    rooms.set(message.room, room);
    const peer: Peer = {
      id: `p${randomBytes(4).toString('hex')}`,
      name: message.name,
      socket,
      token: randomBytes(16).toString('hex'),
      room: message.room,
      heartbeats: 0,
      joinedAt: Date.now(),
      queue: [],
      expiry: undefined,
    };
    sendJoined(socket, peer, room, false);
    room.set(peer.id, peer);
    for (const other of room.values()) {
      if (other !== peer) deliver(other, { type: 'peer-joined', peer: { id: peer.id, name: peer.name } });
    }
    return peer;
  }

  wss.on('connection', (socket) => {
    let self: Peer | undefined;
    socket.on('error', () => undefined); // a broken client must not take the server down
    socket.on('message', (raw, isBinary) => {
      const bytes = Array.isArray(raw) ? Buffer.concat(raw) : Buffer.from(raw as ArrayBuffer);
      const parsed = parseClientMessage(bytes, isBinary);
      if (!parsed.ok) {
        reject(socket, parsed.code, parsed.message);
        return;
      }
      const message = parsed.message;
      switch (message.type) {
        case 'join':
          if (self) reject(socket, 'already-joined', `already in room ${self.room}`);
          else self = join(socket, message);
          return;
        case 'signal': {
          const target = self ? rooms.get(self.room)?.get(message.to) : undefined;
          if (!self) reject(socket, 'not-in-room', 'join a room before signaling');
          else if (!target) reject(socket, 'unknown-peer', `no peer ${message.to} in room ${self.room}`);
          else deliver(target, { type: 'signal', from: self.id, data: message.data });
          return;
        }
        case 'ping':
          if (self) self.heartbeats += 1;
          sendTo(socket, { type: 'pong', seq: message.seq });
          return;
        case 'leave':
          if (self) remove(self);
          self = undefined;
          return;
      }
    });
    socket.on('close', () => {
      const peer = self;
      if (!peer || peer.socket !== socket) return;
      peer.socket = undefined;
      peer.expiry = setTimeout(() => remove(peer), RESUME_GRACE_MS);
    });
  });

  return {
    peers: () =>
      [...rooms.values()].flatMap((room) =>
        [...room.values()].map((p) => ({
          id: p.id,
          name: p.name,
          room: p.room,
          heartbeats: p.heartbeats,
          joinedAt: p.joinedAt,
          connected: p.socket !== undefined,
        })),
      ),
    rejected: () => ({ ...rejected }),
    close: () =>
      new Promise<void>((resolve) => {
        for (const room of rooms.values()) for (const peer of room.values()) clearTimeout(peer.expiry);
        rooms.clear();
        for (const client of wss.clients) client.terminate();
        wss.close(() => resolve());
      }),
  };
}

/** Sends to a connected peer, or keeps the message until it resumes. */
function deliver(peer: Peer, message: ServerMessage): void {
  if (peer.socket) sendTo(peer.socket, message);
  else if (peer.queue.length < MAX_QUEUED) peer.queue.push(message);
}

/** Tells a (re)joining peer its id, its resume token and who else is in the room. */
function sendJoined(socket: WebSocket, peer: Peer, room: Map<string, Peer>, resumed: boolean): void {
  const peers = [...room.values()].filter((p) => p.id !== peer.id).map(({ id, name }) => ({ id, name }));
  sendTo(socket, { type: 'joined', id: peer.id, room: peer.room, peers, token: peer.token, resumed });
}

function sendTo(socket: WebSocket, message: ServerMessage): void {
  if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(message));
}
