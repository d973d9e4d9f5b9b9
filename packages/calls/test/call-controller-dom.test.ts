import { expect } from '@open-wc/testing';
import { CallViewBinding, type CallViewHost } from '../src/call-controller-dom.js';
import type { CallInfo } from '../src/index.js';

const call = (over: Partial<CallInfo>): CallInfo => ({
  callId: 'a',
  direction: 'incoming',
  number: '+14255550100',
  e164: '+14255550100',
  display: '(425) 555-0100',
  name: 'Ada Lovelace',
  phase: 'connected',
  muted: false,
  startedAt: 1,
  connectedAt: 2,
  answer: 'accepted',
  lookup: 'done',
  matches: [],
  log: 'none',
  errors: [],
  ...over,
});

/** A host that records what the binding asks of it; the calls are set per test. */
function fakeHost(calls: CallInfo[]) {
  const asked: unknown[][] = [];
  const record =
    (name: string) =>
    (...args: unknown[]) => {
      asked.push([name, ...args]);
    };
  const host: CallViewHost = {
    disposed: () => false,
    calls: () => calls,
    foreground: () => calls[0],
    live: (id) => calls.find((c) => c.callId === id && c.phase !== 'ended'),
    target: (id) => (typeof id === 'string' && id ? calls.find((c) => c.callId === id) : calls[0]),
    wrapUpCall: () => undefined,
    waitingLogs: () => 0,
    durable: () => true,
    connected: () => true,
    ownsDraft: () => true,
    answered: record('answered'),
    dial: record('dial'),
    hangup: record('hangup'),
    toggle: record('toggle'),
    dtmf: record('dtmf'),
    swap: record('swap'),
    transfer: record('transfer'),
    completeTransfer: record('completeTransfer'),
    cancelTransfer: record('cancelTransfer'),
    conference: record('conference'),
    submitWrapUp: record('submitWrapUp'),
    wrapUpInput: record('wrapUpInput'),
    chooseRecord: record('chooseRecord'),
    openRecord: record('openRecord'),
    createContact: record('createContact'),
    searchAgain: record('searchAgain'),
    retry: () => Promise.resolve({ written: [], failed: [], skipped: [] }),
  };
  return { host, asked };
}

const fire = (el: Element, type: string, detail: unknown, cancel = false) => {
  if (cancel) el.addEventListener(type, (e) => e.preventDefault(), { once: true });
  el.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, cancelable: true }));
};
const microtask = () => new Promise<void>((r) => queueMicrotask(r));

describe('CallViewBinding (the DOM side of CallController, against a fake host)', () => {
  it('shows the host’s calls in a dialer: the foreground call, and the list of live calls', () => {
    const a = call({});
    const b = call({ callId: 'b', name: 'Grace Hopper', phase: 'held', connectedAt: 3, consultFor: 'a' });
    const ended = call({ callId: 'c', phase: 'ended' });
    const ringing = call({ callId: 'd', answer: undefined, phase: 'ringing' });
    const { host } = fakeHost([a, b, ended, ringing]);
    const dialer = Object.assign(document.createElement('div'), { calls: [], activeCallId: '' });
    new CallViewBinding(host).attach({ dialers: [dialer] });
    const d = dialer as unknown as Record<string, unknown>;
    expect([d.callState, d.callNumber, d.contactName, d.muted, d.activeCallId, d.connectedAt]).to.deep.equal([
      'connected',
      '+14255550100',
      'Ada Lovelace',
      false,
      'a',
      2,
    ]);
    expect(d.calls, 'live calls the agent has (not ended, not still ringing)').to.deep.equal([
      { callId: 'a', name: 'Ada Lovelace', number: '+14255550100', state: 'connected', muted: false, connectedAt: 2 },
      { callId: 'b', name: 'Grace Hopper', number: '+14255550100', state: 'held', muted: false, connectedAt: 3, consultFor: 'a' },
    ]);
  });

  it('relays a dialer’s events once dispatched, unless cancelled; detach stops it', async () => {
    const a = call({});
    const { host, asked } = fakeHost([a]);
    const dialer = document.createElement('div');
    const binding = new CallViewBinding(host);
    binding.attach({ dialers: [dialer] });
    fire(dialer, 'cif-hold', { held: true, callId: 'a' });
    fire(dialer, 'cif-mute', { muted: true }, true);
    fire(dialer, 'cif-call-swap', { callId: 'a' });
    fire(dialer, 'cif-transfer', { target: '+14255550111', mode: 'consult' });
    fire(dialer, 'cif-hangup', { callId: 'a' });
    expect(asked, 'hang-up at once; the others after dispatch').to.deep.equal([['hangup', a]]);
    await microtask();
    expect(asked).to.deep.equal([
      ['hangup', a],
      ['toggle', 'hold', a, true],
      ['swap', 'a'],
      ['transfer', 'a', '+14255550111', 'consult'],
    ]);
    binding.detach();
    fire(dialer, 'cif-hangup', { callId: 'a' });
    expect(asked).to.have.length(4);
  });
});
