// A fake PBX behind a fake SIP.js transport: answers REGISTER the way a registrar does (401 challenge, then
// 200, or a refusal), so SipPhone's registration paths run without a network.
import { EmitterImpl, TransportState } from 'sip.js';
import type { Transport } from 'sip.js';

/** How the fake registrar answers. */
export type FakePbxMode = 'ok' | 'wrong-password' | 'forbidden' | 'silent' | 'refuse-connect';

export interface FakePbx {
  mode: FakePbxMode;
  /** Reason phrase of a 403 (to check that hostile text is rendered as text). */
  reason: string;
  /** Every request the phone sent (full text). */
  sent: string[];
  /** Live transports (to simulate a drop). */
  transports: FakeTransport[];
}

export function fakePbx(mode: FakePbxMode = 'ok'): FakePbx {
  return { mode, reason: 'Forbidden', sent: [], transports: [] };
}

function header(msg: string, name: string): string {
  const m = new RegExp(`^${name}:\\s*(.*)$`, 'im').exec(msg);
  return m ? m[1]!.trim() : '';
}

function response(request: string, status: number, reason: string, extra: string[] = []): string {
  const via = request.split('\r\n').filter((l) => /^Via:/i.test(l));
  const to = header(request, 'To');
  return [
    `SIP/2.0 ${status} ${reason}`,
    ...via,
    `From: ${header(request, 'From')}`,
    `To: ${to}${/;tag=/.test(to) ? '' : ';tag=fakepbx'}`,
    `Call-ID: ${header(request, 'Call-ID')}`,
    `CSeq: ${header(request, 'CSeq')}`,
    ...extra,
    'Content-Length: 0',
    '',
    '',
  ].join('\r\n');
}

/** A SIP.js `Transport` that talks to `pbx` instead of a WebSocket. */
export class FakeTransport implements Transport {
  state: TransportState = TransportState.Disconnected;
  readonly stateChange = new EmitterImpl<TransportState>();
  onConnect: (() => void) | undefined;
  onDisconnect: ((error?: Error) => void) | undefined;
  onMessage: ((message: string) => void) | undefined;
  readonly protocol = 'WSS';

  constructor(
    _logger: unknown,
    private readonly options: { pbx: FakePbx },
  ) {
    options.pbx.transports.push(this);
  }

  private set(state: TransportState, error?: Error): void {
    this.state = state;
    this.stateChange.emit(state);
    if (state === TransportState.Connected) this.onConnect?.();
    if (state === TransportState.Disconnected) this.onDisconnect?.(error);
  }

  async connect(): Promise<void> {
    if (this.options.pbx.mode === 'refuse-connect') {
      this.state = TransportState.Disconnected;
      throw new Error('connection refused');
    }
    this.set(TransportState.Connected);
  }

  async disconnect(): Promise<void> {
    if (this.state !== TransportState.Disconnected) this.set(TransportState.Disconnected);
  }

  /** Simulates the network dropping the connection. */
  drop(): void {
    this.set(TransportState.Disconnected, new Error('dropped'));
  }

  isConnected(): boolean {
    return this.state === TransportState.Connected;
  }

  async send(message: string): Promise<void> {
    const pbx = this.options.pbx;
    pbx.sent.push(message);
    if (message.startsWith('SIP/2.0 200') && /^CSeq:\s*\d+ INVITE/im.test(message)) {
      // The caller's ACK for the phone's 200 OK.
      const cseq = header(message, 'CSeq').split(' ')[0];
      const ack = [
        `ACK ${/^Contact:\s*<([^>]+)>/im.exec(message)?.[1] ?? 'sip:1001@pbx.example.com'} SIP/2.0`,
        `Via: SIP/2.0/WSS 127.0.0.1:5060;branch=z9hG4bKack${pbx.sent.length}`,
        'Max-Forwards: 70',
        `From: ${header(message, 'From')}`,
        `To: ${header(message, 'To')}`,
        `Call-ID: ${header(message, 'Call-ID')}`,
        `CSeq: ${cseq} ACK`,
        'Content-Length: 0',
        '',
        '',
      ].join('\r\n');
      setTimeout(() => this.onMessage?.(ack), 5);
      return;
    }
    if (message.startsWith('BYE ')) {
      const reply = response(message, 200, 'OK');
      setTimeout(() => this.onMessage?.(reply), 5);
      return;
    }
    if (!message.startsWith('REGISTER ')) return;
    let reply: string | undefined;
    const authorized = /^Authorization:/im.test(message);
    if (pbx.mode === 'silent') return;
    if (pbx.mode === 'forbidden') reply = response(message, 403, pbx.reason);
    else if (!authorized || pbx.mode === 'wrong-password') {
      reply = response(message, 401, 'Unauthorized', ['WWW-Authenticate: Digest realm="127.0.0.1", nonce="n' + pbx.sent.length + '", qop="auth"']);
    } else {
      reply = response(message, 200, 'OK', [`Contact: ${header(message, 'Contact')};expires=600`]);
    }
    setTimeout(() => this.onMessage?.(reply), 5);
  }

  async dispose(): Promise<void> {
    await this.disconnect();
  }
}

/** SipPhone / <cif-sip> options that put the fake PBX behind SIP.js (and, with `media`, fake peer connections). */
export function fakeTransportOptions(pbx: FakePbx, media?: FakeMedia) {
  return {
    userAgentOptions: {
      transportConstructor: FakeTransport as never,
      transportOptions: { pbx },
      ...(media ? { sessionDescriptionHandlerFactory: media.factory as never } : {}),
    },
  };
}

const OFFER = ['v=0', 'o=- 1 1 IN IP4 127.0.0.1', 's=-', 'c=IN IP4 127.0.0.1', 't=0 0', 'm=audio 9 UDP/TLS/RTP/SAVPF 111', 'a=rtpmap:111 opus/48000/2', 'a=sendrecv', ''].join('\r\n');

/**
 * The PBX delivers an INVITE to the phone (over the phone's transport): from `user` with the display name
 * `displayName` (put in the From header as it is, inside quotes). Returns the Call-ID.
 */
export function deliverInvite(pbx: FakePbx, { user = '2002', displayName = '', to = '1001' }: { user?: string; displayName?: string; to?: string } = {}): string {
  const t = pbx.transports.at(-1);
  if (!t?.onMessage) throw new Error('no connected transport');
  const callId = `fake-${Math.random().toString(36).slice(2)}`;
  const body = OFFER;
  const bytes = new TextEncoder().encode(body).length;
  const name = displayName ? `"${displayName.replace(/["\\]/g, '')}" ` : '';
  const invite = [
    `INVITE sip:${to}@pbx.example.com SIP/2.0`,
    `Via: SIP/2.0/WSS 127.0.0.1:5060;branch=z9hG4bK${callId}`,
    'Max-Forwards: 70',
    `From: ${name}<sip:${user}@pbx.example.com>;tag=from-${callId}`,
    `To: <sip:${to}@pbx.example.com>`,
    `Call-ID: ${callId}`,
    'CSeq: 1 INVITE',
    `Contact: <sip:${user}@127.0.0.1:5060;transport=ws>`,
    'Content-Type: application/sdp',
    `Content-Length: ${bytes}`,
    '',
    body,
  ].join('\r\n');
  t.onMessage(invite);
  return callId;
}

/** A stand-in for RTCPeerConnection whose ICE state the test sets. */
export class FakePeerConnection extends EventTarget {
  iceConnectionState: RTCIceConnectionState = 'new';
  getSenders(): RTCRtpSender[] {
    return [];
  }
  getReceivers(): RTCRtpReceiver[] {
    return [];
  }
  getTransceivers(): RTCRtpTransceiver[] {
    return [];
  }
  /** Moves ICE to `state` and fires `iceconnectionstatechange`. */
  ice(state: RTCIceConnectionState): void {
    this.iceConnectionState = state;
    this.dispatchEvent(new Event('iceconnectionstatechange'));
  }
  close(): void {
    this.iceConnectionState = 'closed';
  }
}

export interface FakeMedia {
  /** The peer connections made, in order. */
  pcs: FakePeerConnection[];
  factory: () => unknown;
}

/** Session description handlers with fake peer connections (no microphone, no network). */
export function fakeMedia(): FakeMedia {
  const pcs: FakePeerConnection[] = [];
  const factory = () => {
    const pc = new FakePeerConnection();
    pcs.push(pc);
    return {
      peerConnection: pc,
      remoteMediaStream: undefined,
      close: () => pc.close(),
      getDescription: async () => ({ body: OFFER, contentType: 'application/sdp' }),
      hasDescription: (type: string) => type === 'application/sdp',
      setDescription: async () => undefined,
      sendDtmf: () => false,
    };
  };
  return { pcs, factory };
}
