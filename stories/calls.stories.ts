import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import type { CifClient } from '@cif-elements/client';
import '@cif-elements/core';
import '@cif-elements/dialer';
import '@cif-elements/calls';
import { PendingLogStore } from '@cif-elements/calls';
import type {
  CallerLookupState,
  CifCallFlow,
  CifIncomingCallStrings,
  IncomingCallMatch,
  KeyValueStorage,
  RecordMatch,
  WrapUpCall,
  WrapUpLogState,
} from '@cif-elements/calls';
import { find, loadedCif, until, withSimulatedHost } from './support.js';

/** Controls: `<cif-incoming-call>`'s attributes (named as in custom-elements.json) and object properties. */
type Args = {
  open: boolean;
  'call-id': string;
  'caller-number': string;
  'caller-name': string;
  queue: string;
  reason: string;
  lookup: CallerLookupState;
  timeout: number;
  'default-country': string;
  notify: string;
  'global-shortcuts': boolean;
  'accept-key': string;
  'decline-key': string;
  'key-guard': number;
  records: IncomingCallMatch[];
  strings: Partial<CifIncomingCallStrings>;
  /** The alert's own language ('' = the provider's). */
  locale: string;
};

const ALAN: IncomingCallMatch = { name: 'Alan Turing', entityName: 'contact' };

/** A narrow panel, through the alert's and the form's own custom properties. */
const COMPACT_STYLE = '--cif-incoming-call-max-width: 15rem; --cif-wrap-up-max-width: 15rem; --cif-wrap-up-notes-rows: 2;';

const alert = (args: Partial<Args>, style?: string) => html`<cif-incoming-call
  style=${ifDefined(style)}
  ?open=${!!args.open}
  call-id=${args['call-id'] ?? ''}
  caller-number=${args['caller-number'] ?? ''}
  caller-name=${args['caller-name'] ?? ''}
  queue=${args.queue ?? ''}
  reason=${args.reason ?? ''}
  lookup=${args.lookup ?? 'idle'}
  timeout=${args.timeout ?? 30}
  default-country=${args['default-country'] ?? ''}
  notify=${args.notify ?? ''}
  ?global-shortcuts=${!!args['global-shortcuts']}
  accept-key=${args['accept-key'] ?? 'a'}
  decline-key=${args['decline-key'] ?? 'd'}
  key-guard=${args['key-guard'] ?? 800}
  .records=${args.records ?? []}
  .strings=${args.strings ?? {}}
  locale=${ifDefined(args.locale || undefined)}
></cif-incoming-call>`;

const inProvider = (client: CifClient, content: unknown) => html`<cif-provider .client=${client}>${content}</cif-provider>`;

/** A Storage that lives as long as the story: stories never share (or leave) pending logs. */
function memoryStorage(): KeyValueStorage {
  const map = new Map<string, string>();
  return {
    getItem: (k) => map.get(k) ?? null,
    setItem: (k, v) => void map.set(k, v),
    removeItem: (k) => void map.delete(k),
  };
}

/** The assembled softphone: the flow with the alert, the dialer and the wrap-up. */
const softphone = (client: CifClient, style?: string) =>
  inProvider(
    client,
    html`<cif-call-flow default-country="US" .store=${new PendingLogStore({ storage: memoryStorage() })} style=${ifDefined(style)}>
      <cif-incoming-call default-country="US"></cif-incoming-call>
      <cif-dialer default-country="US"></cif-dialer>
      <cif-wrap-up default-country="US"></cif-wrap-up>
    </cif-call-flow>`,
  );

const flowIn = (root: HTMLElement) => find<CifCallFlow>(root, 'cif-call-flow');

/** Waits until the flow has its client (the provider is ready). */
async function readyFlow(context: { canvasElement: HTMLElement }): Promise<CifCallFlow> {
  const flow = flowIn(context.canvasElement);
  await until(() => !!flow.client, 'the flow to get its client');
  return flow;
}

/** Rings Alan Turing (the seed contact whose telephone1 is "(425) 555-0149"), accepts and connects. */
async function callInProgress(context: { canvasElement: HTMLElement }): Promise<CifCallFlow> {
  const flow = await readyFlow(context);
  flow.incoming({ callId: 'CA-story-1', from: '+14255550149', queue: 'Support' });
  await until(() => flow.calls[0]?.lookup === 'done', 'the caller lookup');
  flow.controller.accept('CA-story-1');
  flow.connected('CA-story-1');
  await until(() => flow.calls[0]?.screenPop !== undefined, 'the screen pop');
  return flow;
}

const meta: Meta<Args> = {
  title: 'Elements/Call flow',
  component: 'cif-incoming-call',
  args: {
    open: true,
    'call-id': 'CA-story-1',
    'caller-number': '+14255550149',
    'caller-name': '',
    queue: 'Support',
    reason: 'Order status',
    lookup: 'done',
    timeout: 30,
    'default-country': 'US',
    notify: '',
    'global-shortcuts': false,
    'accept-key': 'a',
    'decline-key': 'd',
    'key-guard': 800,
    records: [ALAN],
    strings: {},
    locale: '',
  },
  argTypes: {
    lookup: { control: 'select', options: ['idle', 'pending', 'done', 'failed'] },
    locale: { control: 'select', options: ['', 'de', 'fr', 'es', 'it', 'pt-BR', 'nl', 'ja', 'zh-Hans', 'ko', 'ar', 'he', 'en-XA', 'ar-XB'] },
  },
  parameters: {
    actions: {
      handles: [
        'cif-call-accept',
        'cif-call-decline',
        'cif-call-timeout',
        'cif-call-notify-error',
        'cif-wrap-up-submit',
        'cif-record-select',
        'cif-record-open',
        'cif-create-contact',
        'cif-record-search',
        'cif-log-retry',
        'cif-screen-pop',
        'cif-call-logged',
        'cif-call-log-failed',
        'cif-call-error',
      ],
    },
  },
  loaders: [withSimulatedHost()],
  render: (args, context) => inProvider(loadedCif(context).client, alert(args)),
};
export default meta;

type Story = StoryObj<Args>;

/**
 * An incoming call from a number that belongs to a Dynamics contact: the formatted number, the matched
 * name, the queue and reason, Accept and Decline (Alt+A / Alt+D), and a 30-second countdown. Like every
 * story here it runs on a simulated Dynamics 365 host.
 */
export const Ringing: Story = {
  tags: ['v2'],
};

/**
 * With `notify`, on CIF 2.0 the alert also appears in Dynamics' notification area (`notifyEvent` with the
 * call id as cancellation token): Accept or Reject there answers here too; an answer here cancels it.
 */
export const WithDynamicsNotification: Story = {
  tags: ['v2'],
  args: { notify: 'sample_IncomingCallNotification' },
  play: async (context) => {
    const { host } = loadedCif(context);
    await until(() => host.notifications.length === 1, 'the Dynamics notification');
  },
};

/** CIF 1.0 has no `notifyEvent`: the alert works alone. */
export const CifOne: Story = {
  name: 'CIF 1.0',
  tags: ['v1'],
  args: { notify: 'sample_IncomingCallNotification' },
  loaders: [withSimulatedHost({ version: 1 })],
};

/** No client: the alert still rings, answers and counts down (the provider's own telephony decides). */
export const NotConnected: Story = {
  tags: ['not-connected'],
  render: (args) => alert(args),
};

/** The lookup is still running. */
export const LookingUp: Story = {
  tags: ['v2'],
  args: { lookup: 'pending', records: [] },
};

/** Several contacts and accounts share the number: their count, and Dynamics' search page on accept. */
export const SeveralMatches: Story = {
  tags: ['v2'],
  args: { records: [ALAN, { name: 'Fabrikam, Inc.', entityName: 'account' }, { name: 'Zed Second', entityName: 'contact' }] },
};

/** The search failed (CIF rejected `searchAndOpenRecords`): the alert says so and still works. */
export const LookupFailed: Story = {
  tags: ['v2'],
  args: { lookup: 'failed', records: [], 'caller-number': '+14255550199', queue: '', reason: '' },
};

/** A withheld number and no time-out (`timeout="0"`). */
export const WithheldNoTimeout: Story = {
  tags: ['v2'],
  args: { 'caller-number': '', records: [], timeout: 0, queue: '', reason: '' },
};

/** Caller names and queue texts are text, never markup: a hostile name with an RTL override renders as typed. */
export const HostileCallerName: Story = {
  tags: ['v2'],
  args: { 'caller-name': '<img src=x onerror=alert(1)> \u202Egnp.exe Lovelace', queue: '<b>VIP</b>', records: [] },
};

/** A narrow panel, through `--cif-incoming-call-max-width`. */
export const Compact: Story = {
  tags: ['compact'],
  render: (args, context) => inProvider(loadedCif(context).client, alert(args, COMPACT_STYLE)),
};

/** Dark theme. */
export const Dark: Story = {
  tags: ['dark', 'v2'],
  globals: { theme: 'dark' },
};

/** Right-to-left, with an Arabic caller name. */
export const RightToLeft: Story = {
  tags: ['rtl', 'v2'],
  globals: { direction: 'rtl' },
  args: { 'caller-name': 'ليلى حداد', records: [] },
};

// ------------------------------------------------------------------------------------------ <cif-wrap-up>

const ADA: RecordMatch = { entityName: 'contact', id: 'aaaaaaaa-0000-4000-8000-000000000001', name: 'Ada Lovelace' };
const FABRIKAM: RecordMatch = { entityName: 'account', id: 'aaaaaaaa-0000-4000-8000-000000000002', name: 'Fabrikam, Inc.' };

const wrapUp = (call: WrapUpCall | undefined, extra: { logState?: WrapUpLogState; logError?: string; pending?: number; notes?: string } = {}) =>
  html`<cif-wrap-up
    default-country="US"
    .call=${call}
    log-state=${extra.logState ?? 'idle'}
    log-error=${extra.logError ?? ''}
    pending-count=${extra.pending ?? 0}
    notes=${extra.notes ?? ''}
  ></cif-wrap-up>`;

/** `<cif-wrap-up>` after a call: duration, the record the call was about, notes, outcome, "Save call log". */
export const WrapUp: Story = {
  tags: ['v2'],
  render: (_args, context) =>
    inProvider(
      loadedCif(context).client,
      wrapUp(
        { callId: 'CA-1', direction: 'incoming', number: '+14255550100', name: 'Ada Lovelace', active: false, durationSeconds: 263, lookup: 'done', records: [ADA], regarding: ADA },
        { notes: 'Asked about the March invoice; credit note promised.' },
      ),
    ),
};

/** Several records own the number: the wrap-up is the chooser (and opens the chosen one in Dynamics). */
export const WrapUpChooser: Story = {
  tags: ['v2'],
  render: (_args, context) =>
    inProvider(
      loadedCif(context).client,
      wrapUp({ callId: 'CA-2', direction: 'incoming', number: '+14255550101', active: true, lookup: 'done', records: [ADA, FABRIKAM] }),
    ),
};

/** Nobody has the number: "Create contact" opens a new contact form with the number filled in. */
export const WrapUpUnknownCaller: Story = {
  tags: ['v2'],
  render: (_args, context) =>
    inProvider(
      loadedCif(context).client,
      wrapUp({ callId: 'CA-3', direction: 'outgoing', number: '+14255550199', active: true, lookup: 'done', records: [] }),
    ),
};

/** Writing the activity failed: the error (role="alert"), the log kept for retry, "Retry now". */
export const WrapUpLogFailed: Story = {
  tags: ['error'],
  render: (_args, context) =>
    inProvider(
      loadedCif(context).client,
      wrapUp(
        { callId: 'CA-4', direction: 'incoming', number: '+14255550100', name: 'Ada Lovelace', active: false, durationSeconds: 95, lookup: 'done', records: [ADA], regarding: ADA },
        { logState: 'failed', logError: 'Timeout occurred as no response was received from listener window', pending: 2 },
      ),
    ),
};

// ------------------------------------------------------------------------------------------ <cif-call-flow>

/**
 * The assembled softphone (`<cif-call-flow>` around the alert, the dialer and the wrap-up), idle. Feed it
 * your telephony's events (`flow.incoming({ callId, from })`, `flow.connected(id)`, `flow.ended(id)`) and
 * answer its controller's `accept`, `decline`, `dial`, `hangup`, … events.
 */
export const Softphone: Story = {
  tags: ['idle', 'v2'],
  render: (_args, context) => softphone(loadedCif(context).client),
  play: async (context) => {
    await readyFlow(context);
  },
};

/**
 * A call in progress: Alan Turing rang, the agent accepted, the simulated Dynamics opened a session and his
 * contact record, the dialer shows the call and the wrap-up takes notes.
 */
export const SoftphoneInCall: Story = {
  tags: ['in-call', 'v2'],
  render: (_args, context) => softphone(loadedCif(context).client),
  play: async (context) => {
    await callInProgress(context);
  },
};

/** The same on CIF 1.0: no session, the record opens in the app. */
export const SoftphoneInCallCifOne: Story = {
  name: 'Softphone in a call (CIF 1.0)',
  tags: ['in-call', 'v1'],
  loaders: [withSimulatedHost({ version: 1 })],
  render: (_args, context) => softphone(loadedCif(context).client),
  play: async (context) => {
    await callInProgress(context);
  },
};

/** Dynamics refused the activity (`createRecord` failed): the wrap-up says so and keeps the log for retry. */
export const SoftphoneLogFailed: Story = {
  tags: ['error', 'v2'],
  loaders: [withSimulatedHost({ fail: { createRecord: { message: 'Dataverse is unavailable' } } })],
  render: (_args, context) => softphone(loadedCif(context).client),
  play: async (context) => {
    const flow = await callInProgress(context);
    flow.ended('CA-story-1');
    const form = find<HTMLElementTagNameMap['cif-wrap-up']>(context.canvasElement, 'cif-wrap-up');
    await until(() => !!form.call && !form.call.active, 'the wrap-up');
    form.notes = 'Customer will call back.';
    form.submit();
    await until(() => form.logState === 'failed', 'the failed log');
  },
};

/** Compact and dark, in a call. */
export const SoftphoneCompactDark: Story = {
  tags: ['compact', 'dark', 'in-call'],
  globals: { theme: 'dark' },
  render: (_args, context) => softphone(loadedCif(context).client, COMPACT_STYLE),
  play: async (context) => {
    await callInProgress(context);
  },
};

/** Right-to-left, in a call. */
export const SoftphoneRightToLeft: Story = {
  tags: ['rtl', 'in-call'],
  globals: { direction: 'rtl' },
  render: (_args, context) => softphone(loadedCif(context).client),
  play: async (context) => {
    await callInProgress(context);
  },
};

// ------------------------------------------------------------------------------------------ several calls

/** A toy telephony for the multi-call stories: does at once what the controller asks. */
function toyTelephony(flow: CifCallFlow): void {
  const c = flow.controller;
  c.addEventListener('hold', (e) => c.held(e.detail.call.callId, e.detail.held));
  c.addEventListener('accept', (e) => c.connected(e.detail.call.callId));
  c.addEventListener('consult', (e) => {
    c.outgoing({ callId: 'CA-story-consult', to: e.detail.target, consultFor: e.detail.call.callId });
    c.connected('CA-story-consult');
  });
  c.addEventListener('conference', (e) => c.conferenced(e.detail.calls.map((x) => x.callId)));
}

/** Two calls: Alan Turing on hold (the hold policy held him when the agent accepted Grace Hopper). */
async function twoCalls(context: { canvasElement: HTMLElement }): Promise<CifCallFlow> {
  const flow = await callInProgress(context);
  toyTelephony(flow);
  flow.incoming({ callId: 'CA-story-2', from: '+442079460050', queue: 'Billing' });
  await until(() => flow.calls.find((x) => x.callId === 'CA-story-2')?.lookup === 'done', 'the second lookup');
  flow.controller.accept('CA-story-2');
  await until(() => flow.calls.find((x) => x.callId === 'CA-story-2')?.phase === 'connected', 'the second call');
  return flow;
}

/** Two calls at once: the dialer's call list (switch to, hold/resume, hang up per call), each call its own timer. */
export const SoftphoneTwoCalls: Story = {
  tags: ['in-call', 'v2'],
  render: (_args, context) => softphone(loadedCif(context).client),
  play: async (context) => {
    await twoCalls(context);
  },
};

/** A consult (attended) transfer in progress: the caller on hold, the consultee on the line; complete, cancel or merge. */
export const SoftphoneConsulting: Story = {
  tags: ['in-call', 'v2'],
  render: (_args, context) => softphone(loadedCif(context).client),
  play: async (context) => {
    const flow = await callInProgress(context);
    toyTelephony(flow);
    await flow.controller.consult('CA-story-1', '+14255550151');
    await until(() => flow.calls.some((x) => x.consultFor === 'CA-story-1' && x.phase === 'connected'), 'the consult call');
  },
};

/** Two calls merged into a conference. */
export const SoftphoneConference: Story = {
  tags: ['in-call', 'v2'],
  render: (_args, context) => softphone(loadedCif(context).client),
  play: async (context) => {
    const flow = await twoCalls(context);
    flow.controller.conference(['CA-story-1', 'CA-story-2']);
    await until(() => flow.calls.every((x) => x.conference?.length === 1), 'the conference');
  },
};

const STORAGE_CALL: WrapUpCall = { callId: 'CA-5', direction: 'incoming', number: '+14255550100', name: 'Ada Lovelace', active: false, durationSeconds: 42, lookup: 'done', records: [ADA], regarding: ADA };

/** Storage refuses the call logs (quota, or blocked): the wrap-up says they are kept only while this tab is open. */
export const WrapUpStorageUnavailable: Story = {
  tags: ['error'],
  render: (_args, context) =>
    inProvider(
      loadedCif(context).client,
      html`<cif-wrap-up
        default-country="US"
        storage-unavailable
        pending-count="3"
        retry-state="failed"
        retry-message="Dataverse is unavailable"
        .call=${STORAGE_CALL}
      ></cif-wrap-up>`,
    ),
};
