// A small mesh WebRTC call over the demo's signaling server, exposed as keepcall's `CallLike`:
// every participant connects to every other, audio and video.
import type { CallLike, CallSignal, Media } from '../../../src/web/index';
import type { ClientMessage, PeerInfo, ServerMessage, SignalData } from '../protocol';

/** One remote participant. */
export interface Remote {
  id: string;
  name: string;
  pc: RTCPeerConnection;
  stream: MediaStream;
}

export interface MeshCallOptions {
  signalingUrl: string;
  room: string;
  name: string;
  video: boolean;
  /** How often a heartbeat goes to the server (it counts them). */
  heartbeatMs?: number;
}

type Listener = (signal: CallSignal) => void;

/** A room call: join, leave, mute, camera; reports its signals to keepcall and its peers to the UI. */
export class MeshCall implements CallLike {
  readonly id: string;
  readonly displayName: string;
  /** This participant's name in the room. */
  readonly name: string;
  readonly remotes = new Map<string, Remote>();
  local: MediaStream | undefined;
  selfId = '';
  media: Media;
  state: 'idle' | 'joining' | 'joined' | 'left' = 'idle';
  signalingOpen = false;
  heartbeatsAcked = 0;
  /** Why the call ended, when it did not end by hanging up. */
  endReason = '';
  private socket: WebSocket | undefined;
  private token = '';
  private joinedAt = 0;
  private heartbeat: ReturnType<typeof setInterval> | undefined;
  private readonly listeners = new Set<Listener>();
  private readonly pendingCandidates = new Map<string, RTCIceCandidateInit[]>();
  /** UI hook: peers or state changed. */
  onChange: () => void = () => undefined;
  /** UI hook: the server rejected something. */
  onServerError: (message: string) => void = () => undefined;

  /** Prepares a call; nothing happens until `join()`. */
  constructor(private readonly options: MeshCallOptions) {
    this.id = `room:${options.room}`;
    this.displayName = `Room ${options.room}`;
    this.name = options.name;
    this.media = { audio: true, video: options.video, muted: false };
  }

  /** Keepcall's subscription to this call's signals. */
  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Takes the microphone (and camera), connects to signaling and enters the room. */
  async join(): Promise<void> {
    this.state = 'joining';
    this.signal({ type: 'joining' });
    this.local = await navigator.mediaDevices.getUserMedia({ audio: true, video: this.options.video });
    await this.connectSignaling();
    let seq = 0;
    this.heartbeat = setInterval(
      () => this.send({ type: 'ping', seq: seq++ }),
      this.options.heartbeatMs ?? 2000,
    );
  }

  /** Opens the signaling socket and (re)enters the room; a resume keeps this peer's place. */
  private async connectSignaling(): Promise<void> {
    const socket = new WebSocket(this.options.signalingUrl);
    this.socket = socket;
    socket.onmessage = (event) => this.onMessage(JSON.parse(String(event.data)) as ServerMessage);
    socket.onclose = () => {
      if (this.socket !== socket) return;
      this.signalingOpen = false;
      if (this.state === 'joined') {
        // The media flows peer to peer; only signaling is gone. Keep the call and come back.
        this.signal({ type: 'reconnecting' });
        this.reconnectSoon();
      } else if (this.state === 'joining') {
        this.end('signaling lost');
      }
      this.onChange();
    };
    await new Promise<void>((resolve, reject) => {
      socket.onopen = () => resolve();
      socket.onerror = () => reject(new Error('signaling connection failed'));
    });
    this.signalingOpen = true;
    const resume = this.token ? { id: this.selfId, token: this.token } : undefined;
    this.send({
      type: 'join',
      room: this.options.room,
      name: this.options.name,
      ...(resume ? { resume } : {}),
    });
  }

  private reconnectSoon(attempt = 0): void {
    if (attempt > 30) {
      this.end('signaling lost');
      return;
    }
    setTimeout(() => {
      if (this.state !== 'joined') return;
      this.connectSignaling().catch(() => this.reconnectSoon(attempt + 1));
    }, 1000);
  }

  /** Leaves the room and releases the devices. */
  async hangup(): Promise<void> {
    if (this.state === 'left') return;
    this.send({ type: 'leave' });
    this.end();
  }

  /** Mutes or unmutes the microphone. */
  async setMuted(muted: boolean): Promise<void> {
    for (const track of this.local?.getAudioTracks() ?? []) track.enabled = !muted;
    this.setMedia({ ...this.media, muted });
  }

  /** Turns the camera on or off. */
  async setCameraEnabled(enabled: boolean): Promise<void> {
    for (const track of this.local?.getVideoTracks() ?? []) track.enabled = enabled;
    this.setMedia({ ...this.media, video: enabled && (this.local?.getVideoTracks().length ?? 0) > 0 });
  }

  /** Sum of inbound audio packets over every peer (what the tests and the soak measure). */
  async inboundAudioPackets(): Promise<number> {
    let total = 0;
    for (const remote of this.remotes.values()) {
      const stats = await remote.pc.getStats();
      stats.forEach((report) => {
        if (report.type === 'inbound-rtp' && report.kind === 'audio') total += report.packetsReceived ?? 0;
      });
    }
    return total;
  }

  private setMedia(media: Media) {
    this.media = media;
    this.signal({ type: 'media', media });
    this.onChange();
  }

  private end(reason?: string) {
    const wasLive = this.state !== 'left';
    this.state = 'left';
    if (reason) this.endReason = reason;
    clearInterval(this.heartbeat);
    for (const remote of this.remotes.values()) remote.pc.close();
    this.remotes.clear();
    for (const track of this.local?.getTracks() ?? []) track.stop();
    const socket = this.socket;
    this.socket = undefined;
    socket?.close();
    if (wasLive) this.signal(reason ? { type: 'closed', reason } : { type: 'left' });
    this.onChange();
  }

  private onMessage(message: ServerMessage) {
    switch (message.type) {
      case 'joined':
        this.selfId = message.id;
        this.token = message.token;
        this.state = 'joined';
        if (!message.resumed) this.joinedAt = Date.now();
        this.signal({ type: 'joined', at: this.joinedAt, media: this.media });
        // The newcomer offers to everyone already there, so two peers never offer to each other.
        for (const peer of message.peers) if (!this.remotes.has(peer.id)) void this.offerTo(peer);
        break;
      case 'peer-joined':
        this.connect(message.peer);
        break;
      case 'peer-left':
        this.remotes.get(message.id)?.pc.close();
        this.remotes.delete(message.id);
        break;
      case 'signal':
        void this.onSignal(message.from, message.data);
        break;
      case 'pong':
        this.heartbeatsAcked += 1;
        return;
      case 'error':
        this.onServerError(`${message.code}: ${message.message}`);
        if (message.code === 'resume-failed') this.end('signaling lost');
        break;
    }
    this.onChange();
  }

  private connect(peer: PeerInfo): Remote {
    const existing = this.remotes.get(peer.id);
    if (existing) return existing;
    const pc = new RTCPeerConnection({ iceServers: [] });
    const remote: Remote = { id: peer.id, name: peer.name, pc, stream: new MediaStream() };
    this.remotes.set(peer.id, remote);
    for (const track of this.local?.getTracks() ?? []) pc.addTrack(track, this.local as MediaStream);
    pc.ontrack = (event) => {
      remote.stream.addTrack(event.track);
      this.onChange();
    };
    pc.onicecandidate = ({ candidate: c }) => {
      const candidate = c
        ? { candidate: c.candidate, sdpMid: c.sdpMid, sdpMLineIndex: c.sdpMLineIndex }
        : null;
      this.send({ type: 'signal', to: peer.id, data: { candidate } });
    };
    pc.onconnectionstatechange = () => this.onChange();
    return remote;
  }

  private async offerTo(peer: PeerInfo) {
    const { pc } = this.connect(peer);
    await pc.setLocalDescription(await pc.createOffer());
    this.sendSdp(peer.id, pc.localDescription);
  }

  private async onSignal(from: string, data: SignalData) {
    const remote = this.remotes.get(from);
    if (!remote) return;
    const { pc } = remote;
    if ('sdp' in data) {
      await pc.setRemoteDescription(data.sdp);
      for (const candidate of this.pendingCandidates.get(from) ?? []) await pc.addIceCandidate(candidate);
      this.pendingCandidates.delete(from);
      if (data.sdp.type === 'offer') {
        await pc.setLocalDescription(await pc.createAnswer());
        this.sendSdp(from, pc.localDescription);
      }
    } else if (data.candidate) {
      if (pc.remoteDescription) await pc.addIceCandidate(data.candidate);
      else this.pendingCandidates.set(from, [...(this.pendingCandidates.get(from) ?? []), data.candidate]);
    }
  }

  private sendSdp(to: string, description: RTCSessionDescription | null) {
    if (!description || (description.type !== 'offer' && description.type !== 'answer')) return;
    this.send({ type: 'signal', to, data: { sdp: { type: description.type, sdp: description.sdp } } });
  }

  private send(message: ClientMessage) {
    if (this.socket?.readyState === WebSocket.OPEN) this.socket.send(JSON.stringify(message));
  }

  private signal(signal: CallSignal) {
    for (const listener of [...this.listeners]) listener(signal);
  }
}
