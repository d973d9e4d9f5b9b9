import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import type { CifClient } from '@cif-elements/client';
import '@cif-elements/core';
import '@cif-elements/session-list';
import type { CifSessionListStrings } from '@cif-elements/session-list';
import { DEMO_SESSIONS, find, loadedCif, seedSessions, until, withSimulatedHost } from './support.js';
import type { StorySession } from './support.js';

/** Controls: `strings` (the list's only writable property besides `client`). */
type Args = {
  strings: Partial<CifSessionListStrings>;
  locale: string;
};

const list = (args: Partial<Args>, style?: string) =>
  html`<cif-session-list style=${ifDefined(style)} locale=${ifDefined(args.locale || undefined)} .strings=${args.strings ?? {}}></cif-session-list>`;

const inProvider = (args: Partial<Args>, client: CifClient, style?: string) =>
  html`<cif-provider .client=${client}>${list(args, style)}</cif-provider>`;

const listIn = (root: HTMLElement) => find<HTMLElementTagNameMap['cif-session-list']>(root, 'cif-session-list');

/** Waits until the list has read the sessions. */
const loaded = async (root: HTMLElement) => {
  const el = listIn(root);
  await until(() => el.state !== 'loading' && el.state !== 'idle', 'the sessions to load');
  return el;
};

/** Ten sessions (CIF's maximum) across every known channel and one unknown one. */
const TEN_SESSIONS: readonly StorySession[] = [
  ...DEMO_SESSIONS,
  { customerName: 'Katherine Johnson', channel: 'sms', startedMinutesAgo: 12 },
  { customerName: 'Edsger Dijkstra', channel: 'video', startedMinutesAgo: 25, unread: 1 },
  { customerName: 'Barbara Liskov', channel: 'phone', startedMinutesAgo: 31 },
  { customerName: 'Donald Knuth', title: 'WhatsApp: order 1024', channel: 'WhatsApp', startedMinutesAgo: 47 },
  { customerName: 'Margaret Hamilton', channel: 'chat', startedMinutesAgo: 180, unread: 12 },
  { customerName: 'Tim Berners-Lee', channel: 'email', startedMinutesAgo: 60 * 26 },
  { customerName: 'Radia Perlman', channel: 'voice', startedMinutesAgo: 1 },
];

/** The list's own custom properties for a short panel: lower rows, and a scrolling list. */
const COMPACT_STYLE = '--cif-session-list-row-height: 44px; --cif-session-list-max-height: 240px;';

const meta: Meta<Args> = {
  title: 'Elements/cif-session-list',
  component: 'cif-session-list',
  args: { locale: '', strings: {} },
  argTypes: {
    locale: { control: 'select', options: ['', 'en', 'de', 'fr', 'es', 'it', 'pt-BR', 'nl', 'ja', 'zh-Hans', 'ko', 'ar', 'he', 'en-XA', 'ar-XB'] },
  },
  parameters: {
    actions: { handles: ['cif-session-select'] },
  },
  loaders: [withSimulatedHost({}, (pair) => seedSessions(pair, DEMO_SESSIONS))],
  render: (args, context) => inProvider(args, loadedCif(context).client),
};
export default meta;

type Story = StoryObj<Args>;

/**
 * Three sessions — voice, chat, e-mail — the newest focused, one with unread activity. They were created on
 * a simulated CIF 2.0 host as a provider creates them through the client (title, customer, channel, start
 * time). Pick one: the simulated Dynamics focuses it.
 */
export const Sessions: Story = {
  tags: ['v2'],
};

/** Connected, and the provider has no session yet. */
export const Empty: Story = {
  tags: ['v2', 'empty'],
  loaders: [withSimulatedHost()],
};

/** The provider starts a session through the client (`client.createSession`): the list shows and focuses it. */
export const SessionStarted: Story = {
  tags: ['v2'],
  play: async (context) => {
    const el = await loaded(context.canvasElement);
    const { client } = loadedCif(context);
    const before = el.sessions.length;
    await client.createSession({ templateName: 'msdyn_chat_session', customerName: 'Hedy Lamarr', channel: 'chat' });
    await until(() => el.sessions.length === before + 1, 'the new session to show');
  },
};

/** The agent switched and closed sessions in Dynamics (`onSessionSwitched`, `onSessionClosed`): the list follows. */
export const FollowsDynamics: Story = {
  tags: ['v2'],
  play: async (context) => {
    const el = await loaded(context.canvasElement);
    const { host } = loadedCif(context);
    const [first, , last] = el.sessions.map((s) => s.sessionId);
    host.userSwitchesSession(first!);
    host.userClosesSession(last!);
    await until(() => el.sessions.length === 2 && !!el.sessions[0]?.focused, 'the list to follow Dynamics');
  },
};

/** No `<cif-provider>` and no client. */
export const NotConnected: Story = {
  tags: ['not-connected'],
  render: (args) => list(args),
};

/** CIF 1.0 has no sessions: the list says that sessions need a multisession app. */
export const CifV1: Story = {
  name: 'CIF 1.0',
  tags: ['v1'],
  loaders: [withSimulatedHost({ version: 1 })],
};

/** Reading the sessions failed (`getAllSessions` rejected): the error with a retry replaces the list. */
export const LoadError: Story = {
  tags: ['error'],
  loaders: [
    withSimulatedHost({ fail: { getAllSessions: { shape: 'map', message: 'Simulated outage: sessions unavailable' } } }),
  ],
};

/** Switching failed (`requestFocusSession` rejected): the error shows above the list, the mark stays. */
export const FocusError: Story = {
  tags: ['error'],
  loaders: [
    withSimulatedHost(
      { fail: { requestFocusSession: { shape: 'map', message: 'Focused session is neither the default session nor it belongs to the provider' } } },
      (pair) => seedSessions(pair, DEMO_SESSIONS),
    ),
  ],
  play: async ({ canvasElement }) => {
    const el = await loaded(canvasElement);
    find<HTMLElement>(el.shadowRoot!, `[role="option"][data-id="${el.sessions[0]!.sessionId}"]`).click();
    await until(() => !!el.shadowRoot!.querySelector('[role="alert"]'), 'the switch error');
  },
};

/** CIF data is text: hostile markup, an RTL override and a 10,000-character title render as text, ellipsized. */
export const HostileTitles: Story = {
  tags: ['v2'],
  loaders: [
    withSimulatedHost({}, (pair) =>
      seedSessions(pair, [
        { customerName: '<img src=x onerror=alert(1)>', channel: 'chat', startedMinutesAgo: 2 },
        { customerName: 'Mallory', title: '\u202Etxt.exe invoice', channel: 'email', startedMinutesAgo: 9 },
        { customerName: 'Long', title: 'A very long title '.repeat(560), channel: 'voice', startedMinutesAgo: 4 },
      ]),
    ),
  ],
};

/** Ten sessions in a short panel: lower rows (`--cif-session-list-row-height`) and a scrolling list. */
export const Compact: Story = {
  tags: ['compact'],
  loaders: [withSimulatedHost({}, (pair) => seedSessions(pair, TEN_SESSIONS, 3))],
  render: (args, context) => inProvider(args, loadedCif(context).client, COMPACT_STYLE),
};

/** Dark theme. */
export const Dark: Story = {
  tags: ['dark'],
  globals: { theme: 'dark' },
};

/** Right-to-left, with Arabic and Hebrew customer names. */
export const RightToLeft: Story = {
  tags: ['rtl'],
  globals: { direction: 'rtl' },
  loaders: [
    withSimulatedHost({}, (pair) =>
      seedSessions(pair, [
        { customerName: 'ليلى حداد', channel: 'voice', startedMinutesAgo: 3 },
        { customerName: 'נועה כהן', channel: 'chat', startedMinutesAgo: 65, unread: 2 },
        { customerName: 'Ada Lovelace', channel: 'email', startedMinutesAgo: 0 },
      ]),
    ),
  ],
};
