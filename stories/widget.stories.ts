import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import type { TemplateResult } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import type { CifClient, CifRecord } from '@cif-elements/client';
import 'cif-elements';
import type { CifDialer, CifDialDetail } from 'cif-elements';
import { DEMO_SESSIONS, find, loadedCif, seedSessions, until, withSimulatedHost } from './support.js';

/**
 * Controls of the assembled widget: how the provider connects, the dialer's country and call, and the
 * compact look of the header.
 */
type Args = {
  'cif-version': '1' | '2';
  'default-country': string;
  'call-state': HTMLElementTagNameMap['cif-dialer']['callState'];
  'contact-name': string;
  'call-number': string;
  compact: boolean;
};

// ----------------------------------------------------------------------------------------------------
// A pretend telephony, as a channel provider would wire it: `cif-dial` starts a call whose progress the
// dialer shows through `call-state`. Timers run only after the agent presses Call.

const calls = new WeakMap<CifDialer, ReturnType<typeof setTimeout>[]>();

function stopCall(dialer: CifDialer): void {
  for (const t of calls.get(dialer) ?? []) clearTimeout(t);
  calls.delete(dialer);
}

/** The contact whose phone number ends like `e164`, found through the client's OData search. */
async function lookUpContact(client: CifClient | undefined, e164: string): Promise<string> {
  if (!client) return '';
  const last4 = e164.replace(/\D/g, '').slice(-4);
  try {
    const rows = await client.searchAndOpenRecords<CifRecord>(
      'contact',
      `?$select=fullname&$filter=contains(telephone1,'${last4}') or contains(mobilephone,'${last4}')&$top=1`,
      true,
    );
    return typeof rows[0]?.fullname === 'string' ? rows[0].fullname : '';
  } catch {
    return '';
  }
}

function onDial(e: CustomEvent<CifDialDetail>): void {
  const dialer = e.target as CifDialer;
  stopCall(dialer);
  dialer.callState = 'dialing';
  void lookUpContact(dialer.client, e.detail.number).then((name) => (dialer.contactName = name));
  calls.set(dialer, [
    setTimeout(() => (dialer.callState = 'ringing'), 800),
    setTimeout(() => (dialer.callState = 'connected'), 2000),
  ]);
}

function onHangup(e: Event): void {
  const dialer = e.target as CifDialer;
  stopCall(dialer);
  dialer.callState = 'ended';
}

// ----------------------------------------------------------------------------------------------------

const PANEL_STYLE =
  'display: grid; gap: var(--cif-space-l); box-sizing: border-box; inline-size: 360px; max-inline-size: 100%; ' +
  'padding: var(--cif-space-m); border: 1px solid var(--cif-color-border); border-radius: var(--cif-radius-l);';

const HEADER_STYLE = 'display: flex; flex-wrap: wrap; align-items: center; justify-content: space-between; gap: var(--cif-space-s);';

/** The four elements, as a provider's widget page lays them out in Dynamics' communication panel. */
const elements = (args: Partial<Args>) => html`
  <div style=${HEADER_STYLE}>
    <cif-presence ?compact=${!!args.compact}></cif-presence>
    <cif-click-to-act hide-last ?compact=${!!args.compact}></cif-click-to-act>
  </div>
  <cif-dialer
    default-country=${args['default-country'] ?? 'US'}
    call-state=${args['call-state'] ?? 'idle'}
    contact-name=${args['contact-name'] ?? ''}
    call-number=${args['call-number'] ?? ''}
  ></cif-dialer>
  <cif-session-list></cif-session-list>
`;

const panel = (content: TemplateResult) => html`<div
  style=${PANEL_STYLE}
  @cif-dial=${onDial}
  @cif-hangup=${onHangup}
>
  ${content}
</div>`;

/** `<cif-provider simulated>`: the provider makes its own simulated host; two sessions start once ready. */
const simulatedWidget = (args: Partial<Args>) =>
  panel(html`<cif-provider
    simulated
    cif-version=${ifDefined(args['cif-version'])}
    @cif-ready=${startDemoSessions}
  >
    ${elements(args)}
  </cif-provider>`);

/** The widget on a client injected from a story loader (a host prepared with failures or state). */
const injectedWidget = (args: Partial<Args>, client: CifClient) =>
  panel(html`<cif-provider .client=${client}>${elements(args)}</cif-provider>`);

/** As a provider would on an incoming chat and call: starts sessions through the client. */
function startDemoSessions(e: CustomEvent<{ client: CifClient }>): void {
  const { client } = e.detail;
  if (client.version < 2) return;
  void (async () => {
    try {
      if (!(await client.canCreateSession())) return;
      await client.createSession({ templateName: 'msdyn_chat_session', customerName: 'Grace Hopper', channel: 'chat' });
      await client.createSession({ templateName: 'msdyn_voice_session', customerName: 'Ada Lovelace', channel: 'voice' });
    } catch {
      // The demo only: a refused session shows nothing.
    }
  })();
}

const IN_CALL: Partial<Args> = { 'call-state': 'connected', 'call-number': '+14255550148', 'contact-name': 'Ada Lovelace' };

const listIn = (root: HTMLElement) => find<HTMLElementTagNameMap['cif-session-list']>(root, 'cif-session-list');

/** Waits for the demo sessions of {@link simulatedWidget}. */
const demoSessions = async ({ canvasElement }: { canvasElement: HTMLElement }) => {
  const list = listIn(canvasElement);
  await until(() => list.sessions.length === 2, 'the two demo sessions');
};

const meta: Meta<Args> = {
  title: 'Widget/Assembled widget',
  args: { 'cif-version': '2', 'default-country': 'US', 'call-state': 'idle', 'contact-name': '', 'call-number': '', compact: false },
  argTypes: {
    'cif-version': { control: 'inline-radio', options: ['1', '2'] },
    'call-state': { control: 'select', options: ['idle', 'dialing', 'ringing', 'connected', 'held', 'ended'] },
  },
  parameters: {
    layout: 'padded',
    actions: {
      handles: [
        'cif-ready',
        'cif-error',
        'cif-presence-change',
        'cif-click-to-act',
        'cif-click-to-act-change',
        'cif-dial',
        'cif-hangup',
        'cif-mute',
        'cif-hold',
        'cif-dtmf',
        'cif-session-select',
      ],
    },
    docs: {
      description: {
        component:
          'The whole widget — `<cif-presence>`, `<cif-click-to-act>`, `<cif-dialer>` and `<cif-session-list>` ' +
          'inside one `<cif-provider simulated>` — on the simulated Dynamics 365 host, with a pretend telephony ' +
          'wired to `cif-dial` and `cif-hangup`. Press Call: the call goes dialing → ringing → connected and the ' +
          'contact is looked up in the simulated records.',
      },
    },
  },
  render: (args) => simulatedWidget(args),
};
export default meta;

type Story = StoryObj<Args>;

/** The widget exactly as the README writes it: `<cif-provider simulated>` and the four elements, CIF 2.0. */
export const Widget: Story = {
  tags: ['v2', 'idle'],
  play: demoSessions,
};

/** The agent clicked Ada Lovelace's phone number in Dynamics 365: the dialer is filled, ready to call. */
export const ClickToAct: Story = {
  name: 'Click-to-act from Dynamics',
  tags: ['v2', 'idle'],
  play: async (context) => {
    await demoSessions(context);
    const provider = find<HTMLElementTagNameMap['cif-provider']>(context.canvasElement, 'cif-provider');
    const dialer = find<CifDialer>(context.canvasElement, 'cif-dialer');
    const host = provider.host!;
    const ada = host.records('contact')[0]!;
    host.clickToAct({
      value: String(ada.telephone1),
      name: 'telephone1',
      entityLogicalName: 'contact',
      entityId: String(ada.contactid),
    });
    await until(() => dialer.value !== '', 'the dialer to be filled');
  },
};

/** In a call with Ada Lovelace; the agent is Busy in Omnichannel. */
export const InCall: Story = {
  tags: ['v2', 'in-call'],
  args: IN_CALL,
  loaders: [withSimulatedHost({ presenceText: 'Busy' }, (pair) => seedSessions(pair, DEMO_SESSIONS))],
  render: (args, context) => injectedWidget(args, loadedCif(context).client),
};

/** On a CIF 1.0 host: presence works locally and the session list explains that sessions need CIF 2.0. */
export const CifV1: Story = {
  name: 'CIF 1.0',
  tags: ['v1', 'idle'],
  args: { 'cif-version': '1' },
};

/** Dynamics answers with failures: presence, click-to-act and sessions each show their own inline error. */
export const HostFailures: Story = {
  tags: ['error'],
  loaders: [
    withSimulatedHost({
      fail: {
        getPresence: 'presence-failed',
        getClickToAct: { shape: 'map', message: 'Principal user is missing prvReadmsdyn_ciprovider privilege' },
        getAllSessions: { shape: 'json', message: 'Simulated outage: sessions unavailable' },
      },
    }),
  ],
  render: (args, context) => injectedWidget(args, loadedCif(context).client),
};

/** A narrow panel: compact presence and click-to-act in the header. */
export const Compact: Story = {
  tags: ['compact', 'v2'],
  args: { compact: true },
  play: demoSessions,
};

/** Dark theme, in a call. */
export const Dark: Story = {
  tags: ['dark', 'in-call'],
  globals: { theme: 'dark' },
  args: IN_CALL,
  loaders: [withSimulatedHost({}, (pair) => seedSessions(pair, DEMO_SESSIONS))],
  render: (args, context) => injectedWidget(args, loadedCif(context).client),
};

/** Right-to-left. */
export const RightToLeft: Story = {
  tags: ['rtl', 'idle'],
  globals: { direction: 'rtl' },
  play: demoSessions,
};

/**
 * The pseudo-locale (accented, about 30 % longer, every text in ⟦ ⟧) in a 320 px panel: text that is not
 * localized, or clipped, shows at once. The other locales: the toolbar's Locale menu.
 */
export const PseudoLocale: Story = {
  name: 'Pseudo-locale, 320 px',
  tags: ['v2', 'in-call', 'pseudo'],
  globals: { locale: 'en-XA' },
  args: IN_CALL,
  parameters: { cifPanelWidth: 320 },
  loaders: [withSimulatedHost({ presenceText: 'Busy' }, (pair) => seedSessions(pair, DEMO_SESSIONS))],
  render: (args, context) => html`<div style="inline-size: 320px">${injectedWidget(args, loadedCif(context).client)}</div>`,
};
