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

/** SipPhone / <cif-sip> options that put the fake PBX behind SIP.js. */
export function fakeTransportOptions(pbx: FakePbx) {
  return {
    userAgentOptions: {
      transportConstructor: FakeTransport as never,
      transportOptions: { pbx },
    },
  };
}
