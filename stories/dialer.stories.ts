import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import type { CifClient } from '@cif-elements/client';
import '@cif-elements/core';
import '@cif-elements/dialer';
import type { CifCallState, CifDialerCall, CifDialerRecentNumber, CifDialerStrings } from '@cif-elements/dialer';
import { find, loadedCif, until, withSimulatedHost } from './support.js';

/** Controls: the element's attributes (named as in custom-elements.json) and its object properties. */
type Args = {
  'default-country': string;
  'auto-dial': boolean;
  'no-click-to-act': boolean;
  'call-state': CifCallState;
  'contact-name': string;
  'call-number': string;
  muted: boolean;
  held: boolean;
  value: string;
  'max-recent': number;
  recent: CifDialerRecentNumber[];
  strings: Partial<CifDialerStrings>;
  'active-call-id': string;
  calls: CifDialerCall[];
  locale: string;
};

/** A narrow-panel look from the element's own custom properties (the dialer has no `compact` attribute). */
const COMPACT_STYLE =
  '--cif-dialer-key-size: 40px; --cif-dialer-gap: var(--cif-space-s); ' +
  '--cif-dialer-number-font-size: var(--cif-font-size-400); --cif-dialer-max-width: 14rem;';

const dialer = (args: Partial<Args>, style?: string) => html`<cif-dialer
  style=${ifDefined(style)}
  default-country=${args['default-country'] ?? ''}
  ?auto-dial=${!!args['auto-dial']}
  ?no-click-to-act=${!!args['no-click-to-act']}
  call-state=${args['call-state'] ?? 'idle'}
  contact-name=${args['contact-name'] ?? ''}
  call-number=${args['call-number'] ?? ''}
  ?muted=${!!args.muted}
  ?held=${!!args.held}
  value=${args.value ?? ''}
  max-recent=${args['max-recent'] ?? 10}
  .recent=${args.recent ?? []}
  .strings=${args.strings ?? {}}
  active-call-id=${args['active-call-id'] ?? ''}
  .calls=${args.calls ?? []}
  locale=${ifDefined(args.locale || undefined)}
></cif-dialer>`;

const inProvider = (args: Partial<Args>, client: CifClient, style?: string) =>
  html`<cif-provider .client=${client}>${dialer(args, style)}</cif-provider>`;

const dialerIn = (root: HTMLElement) => find<HTMLElementTagNameMap['cif-dialer']>(root, 'cif-dialer');

/** A fixed recent list (fixed times: stories stay the same from run to run). */
const RECENT: CifDialerRecentNumber[] = [
  { number: '+14255550100', display: '(425) 555-0100', at: Date.UTC(2025, 0, 6, 9, 30) },
  { number: '+442079460958', display: '+44 20 7946 0958', at: Date.UTC(2025, 0, 6, 9, 12) },
  { number: '+18003569377', extension: '12', display: '(800) 356-9377 ext. 12', at: Date.UTC(2025, 0, 5, 16, 2) },
];

const IN_CALL: Partial<Args> = { 'call-state': 'connected', 'call-number': '+14255550100', 'contact-name': 'Ada Lovelace' };

const meta: Meta<Args> = {
  title: 'Elements/cif-dialer',
  component: 'cif-dialer',
  args: {
    locale: '',
    'default-country': 'US',
    'auto-dial': false,
    'no-click-to-act': false,
    'call-state': 'idle',
    'contact-name': '',
    'call-number': '',
    muted: false,
    held: false,
    value: '',
    'max-recent': 10,
    recent: [],
    strings: {},
    'active-call-id': '',
    calls: [],
  },
  argTypes: {
    locale: { control: 'select', options: ['', 'en', 'de', 'fr', 'es', 'it', 'pt-BR', 'nl', 'ja', 'zh-Hans', 'ko', 'ar', 'he', 'en-XA', 'ar-XB'] },
    'call-state': { control: 'select', options: ['idle', 'dialing', 'ringing', 'connected', 'held', 'ended'] },
    'default-country': { control: 'text' },
  },
  parameters: {
    actions: {
      handles: ['cif-dial', 'cif-hangup', 'cif-mute', 'cif-hold', 'cif-dtmf', 'cif-call-swap', 'cif-transfer', 'cif-transfer-complete', 'cif-transfer-cancel', 'cif-conference'],
    },
  },
  loaders: [withSimulatedHost()],
  render: (args, context) => inProvider(args, loadedCif(context).client),
};
export default meta;

type Story = StoryObj<Args>;

/**
 * Idle and empty, ready to type or press keys (`default-country="US"`). The dialer places no calls: it
 * fires `cif-dial` and your telephony sets `call-state` — use the `call-state` control to walk through a
 * call. The stories run on a simulated Dynamics 365 host, whose `host.clickToAct(…)` fills the dialer.
 */
export const Idle: Story = {
  tags: ['idle', 'v2'],
};

/** A number typed in: formatted as you type for the default country. */
export const NumberEntered: Story = {
  tags: ['idle'],
  args: { value: '4255550100' },
};

/** The field is empty, so the last dialled numbers show (set `recent` to restore a saved list). */
export const RecentNumbers: Story = {
  tags: ['idle'],
  args: { recent: RECENT },
};

/** An invalid number was dialled: the inline error (`role="alert"`, `aria-invalid`) and no `cif-dial`. */
export const InvalidNumber: Story = {
  tags: ['error'],
  play: async ({ canvasElement }) => {
    const el = dialerIn(canvasElement);
    await el.updateComplete;
    el.dial('425 55');
    await until(() => !!el.validationError, 'the validation error');
  },
};

/** The agent clicked a phone number in Dynamics 365 (CIF 2.0): click-to-act filled the dialer. */
export const FilledByClickToAct: Story = {
  tags: ['v2'],
  play: async (context) => {
    const el = dialerIn(context.canvasElement);
    await until(() => !!el.client, 'the dialer to get its client');
    loadedCif(context).host.clickToAct({ value: '+1 425 555 0100', name: 'telephone1', entityLogicalName: 'contact' });
    await until(() => el.value !== '', 'click-to-act to fill the field');
  },
};

/** The same on a CIF 1.0 host: click-to-act is a CIF 1.0 API too. */
export const FilledByClickToActCifV1: Story = {
  name: 'Filled by click-to-act (CIF 1.0)',
  tags: ['v1'],
  loaders: [withSimulatedHost({ version: 1 })],
  play: FilledByClickToAct.play,
};

/** `call-state="dialing"`: the in-call view with the contact and number. */
export const Dialing: Story = {
  tags: ['in-call'],
  args: { ...IN_CALL, 'call-state': 'dialing' },
};

/** `call-state="ringing"`. */
export const Ringing: Story = {
  tags: ['in-call'],
  args: { ...IN_CALL, 'call-state': 'ringing' },
};

/** `call-state="connected"`: timer, mute, hold, keypad (tones) and hang-up. */
export const Connected: Story = {
  tags: ['in-call'],
  args: IN_CALL,
};

/** Connected and `muted`. */
export const Muted: Story = {
  tags: ['in-call'],
  args: { ...IN_CALL, muted: true },
};

/** `call-state="held"` (the timer keeps running). */
export const OnHold: Story = {
  tags: ['in-call'],
  args: { ...IN_CALL, 'call-state': 'held' },
};

/** In a call, the keypad sends tones (`cif-dtmf`); the tones sent so far show. */
export const SendingTones: Story = {
  tags: ['in-call'],
  args: IN_CALL,
  play: async ({ canvasElement }) => {
    const el = dialerIn(canvasElement);
    await el.updateComplete;
    find<HTMLButtonElement>(el.shadowRoot!, '[part~="keypad-toggle"]').click();
    await el.updateComplete;
    for (const key of ['1', '2', '#']) find<HTMLButtonElement>(el.shadowRoot!, `[data-key="${key}"]`).click();
    await el.updateComplete;
  },
};

/** An incoming call from a number with no matching contact. */
export const UnknownCaller: Story = {
  tags: ['in-call'],
  args: { 'call-state': 'connected', 'call-number': '+442079460958' },
};

/** Names are text, never markup: a hostile contact name with an RTL override renders as typed. */
export const HostileContactName: Story = {
  tags: ['in-call'],
  args: { ...IN_CALL, 'contact-name': '<img src=x onerror=alert(1)> \u202Egnp.exe Lovelace' },
};

/** `call-state="ended"`: back to the field, "Call ended". */
export const Ended: Story = {
  tags: ['idle'],
  args: { ...IN_CALL, 'call-state': 'ended' },
};

/** A narrow panel, through the dialer's custom properties (`--cif-dialer-key-size`, …). */
export const Compact: Story = {
  tags: ['compact'],
  args: { value: '4255550100' },
  render: (args, context) => inProvider(args, loadedCif(context).client, COMPACT_STYLE),
};

/** Compact, in a call. */
export const CompactInCall: Story = {
  tags: ['compact', 'in-call'],
  args: IN_CALL,
  render: (args, context) => inProvider(args, loadedCif(context).client, COMPACT_STYLE),
};

/** Dark theme, idle with recent numbers. */
export const Dark: Story = {
  tags: ['dark', 'idle'],
  globals: { theme: 'dark' },
  args: { recent: RECENT },
};

/** Dark theme, in a call. */
export const DarkInCall: Story = {
  tags: ['dark', 'in-call'],
  globals: { theme: 'dark' },
  args: { ...IN_CALL, muted: true },
};

/** Right-to-left page: the layout mirrors, the number and the keypad stay left-to-right. */
export const RightToLeft: Story = {
  tags: ['rtl', 'idle'],
  globals: { direction: 'rtl' },
  args: { value: '4255550100' },
};

/** Right-to-left, in a call with an Arabic contact name. */
export const RightToLeftInCall: Story = {
  tags: ['rtl', 'in-call'],
  globals: { direction: 'rtl' },
  args: { ...IN_CALL, 'contact-name': 'ليلى حداد' },
};
