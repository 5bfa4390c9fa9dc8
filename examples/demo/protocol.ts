// The demo's signaling protocol and its validation. The server trusts nothing a client sends:
// every message is size-checked, parsed, and read field by field; anything else is an error
// sent back to that client, never an exception.

/** Largest message accepted, in bytes (an SDP offer with video is a few kilobytes). */
export const MAX_MESSAGE_BYTES = 64 * 1024;
/** Rooms are short slugs. */
export const ROOM_PATTERN = /^[A-Za-z0-9_-]{1,40}$/;
/** Peer ids are assigned by the server. */
export const PEER_ID_PATTERN = /^p[0-9a-f]{8}$/;
const MAX_NAME = 40;

/** What a WebRTC peer sends another through the server. */
export type SignalData =
  | { sdp: { type: 'offer' | 'answer'; sdp: string } }
  | { candidate: { candidate: string; sdpMid?: string | null; sdpMLineIndex?: number | null } | null };

export type ClientMessage =
  | { type: 'join'; room: string; name: string; resume?: { id: string; token: string } }
  | { type: 'signal'; to: string; data: SignalData }
  | { type: 'leave' }
  | { type: 'ping'; seq: number };

export interface PeerInfo {
  id: string;
  name: string;
}

export type ErrorCode =
  | 'too-large'
  | 'bad-json'
  | 'bad-message'
  | 'not-in-room'
  | 'unknown-peer'
  | 'already-joined'
  | 'resume-failed';

export type ServerMessage =
  | { type: 'joined'; id: string; room: string; peers: PeerInfo[]; token: string; resumed: boolean }
  | { type: 'peer-joined'; peer: PeerInfo }
  | { type: 'peer-left'; id: string }
  | { type: 'signal'; from: string; data: SignalData }
  | { type: 'pong'; seq: number }
  | { type: 'error'; code: ErrorCode; message: string };

/** The outcome of reading one raw message. */
export type Parsed = { ok: true; message: ClientMessage } | { ok: false; code: ErrorCode; message: string };

/** Reads one raw WebSocket message into a ClientMessage, or says precisely what is wrong. */
export function parseClientMessage(raw: string | Uint8Array, isBinary = false): Parsed {
  const size = typeof raw === 'string' ? Buffer.byteLength(raw) : raw.byteLength;
  if (size > MAX_MESSAGE_BYTES) {
    return fail('too-large', `message is ${size} bytes; at most ${MAX_MESSAGE_BYTES} are allowed`);
  }
  if (isBinary) return fail('bad-message', 'binary messages are not accepted; send JSON text');
  let value: unknown;
  try {
    value = JSON.parse(typeof raw === 'string' ? raw : Buffer.from(raw).toString('utf8'));
  } catch {
    return fail('bad-json', 'message is not valid JSON');
  }
  if (!isRecord(value)) return fail('bad-message', `message must be a JSON object, got ${describe(value)}`);
  switch (value.type) {
    case 'join':
      return parseJoin(value);
    case 'signal':
      return parseSignal(value);
    case 'leave':
      return { ok: true, message: { type: 'leave' } };
    case 'ping':
      if (typeof value.seq !== 'number' || !Number.isSafeInteger(value.seq) || value.seq < 0) {
        return fail('bad-message', `ping.seq must be a non-negative integer, got ${describe(value.seq)}`);
      }
      return { ok: true, message: { type: 'ping', seq: value.seq } };
    default:
      return fail(
        'bad-message',
        `type must be one of join, signal, leave, ping; got ${describe(value.type)}`,
      );
  }
}

function parseJoin(value: Record<string, unknown>): Parsed {
  if (typeof value.room !== 'string' || !ROOM_PATTERN.test(value.room)) {
    return fail('bad-message', `join.room must match ${ROOM_PATTERN}, got ${describe(value.room)}`);
  }
  const name = value.name;
  if (
    typeof name !== 'string' ||
    name.trim() === '' ||
    name.length > MAX_NAME ||
    [...name].some((ch) => ch.charCodeAt(0) < 0x20)
  ) {
    return fail('bad-message', `join.name must be 1–${MAX_NAME} printable characters, got ${describe(name)}`);
  }
  const resume = value.resume;
  if (resume === undefined)
    return { ok: true, message: { type: 'join', room: value.room, name: name.trim() } };
  if (
    !isRecord(resume) ||
    typeof resume.id !== 'string' ||
    !PEER_ID_PATTERN.test(resume.id) ||
    typeof resume.token !== 'string' ||
    !/^[0-9a-f]{32}$/.test(resume.token)
  ) {
    return fail('bad-message', 'join.resume must be { id: a peer id, token: 32 hex digits }');
  }
  return {
    ok: true,
    message: {
      type: 'join',
      room: value.room,
      name: name.trim(),
      resume: { id: resume.id, token: resume.token },
    },
  };
}

function parseSignal(value: Record<string, unknown>): Parsed {
  if (typeof value.to !== 'string' || !PEER_ID_PATTERN.test(value.to)) {
    return fail('bad-message', `signal.to must be a peer id like p0123abcd, got ${describe(value.to)}`);
  }
  const data = value.data;
  if (!isRecord(data)) return fail('bad-message', `signal.data must be an object, got ${describe(data)}`);
  if ('sdp' in data) {
    const sdp = data.sdp;
    if (!isRecord(sdp) || (sdp.type !== 'offer' && sdp.type !== 'answer') || typeof sdp.sdp !== 'string') {
      return fail('bad-message', 'signal.data.sdp must be { type: "offer" | "answer", sdp: string }');
    }
    return {
      ok: true,
      message: { type: 'signal', to: value.to, data: { sdp: { type: sdp.type, sdp: sdp.sdp } } },
    };
  }
  if ('candidate' in data) {
    const c = data.candidate;
    if (c === null) return { ok: true, message: { type: 'signal', to: value.to, data: { candidate: null } } };
    if (
      !isRecord(c) ||
      typeof c.candidate !== 'string' ||
      !(c.sdpMid === undefined || c.sdpMid === null || typeof c.sdpMid === 'string') ||
      !(c.sdpMLineIndex === undefined || c.sdpMLineIndex === null || Number.isInteger(c.sdpMLineIndex))
    ) {
      return fail('bad-message', 'signal.data.candidate must be an RTCIceCandidateInit or null');
    }
    const candidate = {
      candidate: c.candidate,
      sdpMid: (c.sdpMid as string | null | undefined) ?? null,
      sdpMLineIndex: (c.sdpMLineIndex as number | null | undefined) ?? null,
    };
    return { ok: true, message: { type: 'signal', to: value.to, data: { candidate } } };
  }
  return fail('bad-message', 'signal.data must carry either sdp or candidate');
}

function fail(code: ErrorCode, message: string): Parsed {
  return { ok: false, code, message };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}
