import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { DEFAULT_PRESENCES } from '@cif-elements/client';
import type { CifClient, CifPresenceInfo } from '@cif-elements/client';
import '@cif-elements/core';
import '@cif-elements/presence';
import type { CifPresenceStrings } from '@cif-elements/presence';
import { find, loadedCif, until, withSimulatedHost } from './support.js';

/** Controls: the element's attributes (named as in custom-elements.json) and its object properties. */
type Args = {
  value: string;
  compact: boolean;
  open: boolean;
  disabled: boolean;
  presences: readonly CifPresenceInfo[];
  strings: Partial<CifPresenceStrings>;
  locale: string;
};

const presence = (args: Partial<Args>) => html`<cif-presence
  value=${args.value ?? ''}
  ?compact=${!!args.compact}
  ?open=${!!args.open}
  ?disabled=${!!args.disabled}
  .presences=${args.presences ?? DEFAULT_PRESENCES}
  locale=${ifDefined(args.locale || undefined)}
  .strings=${args.strings ?? {}}
></cif-presence>`;

const inProvider = (args: Partial<Args>, client: CifClient) =>
  html`<cif-provider .client=${client}>${presence(args)}</cif-provider>`;

/** Waits until the element has read the presence from the host. */
const loaded = async (root: HTMLElement) => {
  const el = find<HTMLElementTagNameMap['cif-presence']>(root, 'cif-presence');
  await until(() => !!el.presence || !!el.error, 'the presence to be read');
  return el;
};

const meta: Meta<Args> = {
  title: 'Elements/cif-presence',
  component: 'cif-presence',
  args: { locale: '', value: '', compact: false, open: false, disabled: false, presences: DEFAULT_PRESENCES, strings: {} },
  argTypes: {
    locale: { control: 'select', options: ['', 'en', 'de', 'fr', 'es', 'it', 'pt-BR', 'nl', 'ja', 'zh-Hans', 'ko', 'ar', 'he', 'en-XA', 'ar-XB'] },
    value: { control: 'select', options: ['', ...DEFAULT_PRESENCES.map((p) => p.presenceId)] },
  },
  parameters: {
    actions: { handles: ['cif-presence-change'] },
  },
  loaders: [withSimulatedHost()],
  render: (args, context) => inProvider(args, loadedCif(context).client),
};
export default meta;

type Story = StoryObj<Args>;

/**
 * Connected to a CIF 2.0 host: shows the agent's Omnichannel presence, read with `getPresence`. The stories
 * run on a simulated Dynamics 365 host, which answers `getPresence`/`setPresence` and raises `onPresenceChange`.
 */
export const Available: Story = {
  tags: ['v2'],
};

/** The presence was changed in Dynamics 365 (`onPresenceChange`): the element follows and announces it. */
export const ChangedInDynamics: Story = {
  tags: ['v2'],
  play: async (context) => {
    await loaded(context.canvasElement);
    loadedCif(context).host.userSetsPresence('Busy - Do not disturb');
  },
};

/** The menu is open (`open`): a WAI-ARIA menu of `menuitemradio`s, the current one checked. */
export const MenuOpen: Story = {
  tags: ['v2', 'open'],
  args: { open: true },
  parameters: { docs: { story: { height: '280px' } } },
};

/** No client: CIF 1.0 and a page without a provider work locally; the event still fires for your telephony. */
export const NotConnected: Story = {
  tags: ['not-connected'],
  args: { value: 'available' },
  render: (args) => presence(args),
};

/** CIF 1.0 has no presence API: the element works locally, starting from `value`. */
export const CifV1: Story = {
  name: 'CIF 1.0',
  tags: ['v1'],
  args: { value: 'away' },
  loaders: [withSimulatedHost({ version: 1 })],
};

/**
 * A CIF 2.0 library without `getPresence`/`setPresence` (the library Microsoft shipped in 2026): the element
 * says plainly that presence is local only; the agent's changes fire `cif-presence-change` with
 * `applied: 'local'`, and changes made in Dynamics still arrive.
 */
export const LocalOnly: Story = {
  tags: ['v2'],
  loaders: [withSimulatedHost({ withoutPresenceApi: true })],
};

/**
 * The provider's own presence writer (`writer`): the agent's changes go to your telephony instead of CIF
 * `setPresence`, and the event says `applied: 'writer'`.
 */
export const ProviderWriter: Story = {
  tags: ['v2'],
  loaders: [withSimulatedHost({ withoutPresenceApi: true })],
  render: (args, context) => html`<cif-provider .client=${loadedCif(context).client}
    ><cif-presence
      value=${args.value ?? ''}
      .presences=${args.presences ?? DEFAULT_PRESENCES}
      .writer=${async (p: CifPresenceInfo) => console.info('telephony presence ->', p.presenceText)}
    ></cif-presence
  ></cif-provider>`,
};

/**
 * Omnichannel presence is broken: `getPresence` answers `"FAILED"` (Dynamics shows "Unknown"); the error
 * shows inline with the usual causes, for an administrator.
 */
export const ReadError: Story = {
  tags: ['error'],
  loaders: [withSimulatedHost({ fail: { getPresence: 'presence-failed' } })],
};

/** Dynamics refused the agent's change (`setPresence` answered `false`): the element reverts and says why. */
export const WriteRefused: Story = {
  tags: ['error'],
  loaders: [withSimulatedHost({ fail: { setPresence: 'false' } })],
  play: async ({ canvasElement }) => {
    const el = await loaded(canvasElement);
    await el.select('Away');
  },
};

/** Your own presences (CIF cannot list them): `presences` with custom texts and colours. */
export const CustomPresences: Story = {
  tags: ['v2'],
  args: {
    presences: [
      { presenceId: 'available', presenceText: 'Available', presenceColor: '#6BB700', basePresenceStatus: 'AVAILABLE' },
      { presenceId: 'on-call', presenceText: 'On a call', presenceColor: '#C50F1F', basePresenceStatus: 'BUSY' },
      { presenceId: 'wrap-up', presenceText: 'Wrap-up', presenceColor: '#FFAA44', basePresenceStatus: 'AWAY' },
      { presenceId: 'offline', presenceText: 'Offline', presenceColor: '#8A8886', basePresenceStatus: 'OFFLINE' },
    ],
    open: true,
  },
  parameters: { docs: { story: { height: '240px' } } },
};

/** `compact`: only the dot; the button keeps its accessible name and a tooltip. */
export const Compact: Story = {
  tags: ['compact'],
  args: { compact: true },
};

/** `disabled`: the presence shows but cannot be changed here. */
export const Disabled: Story = {
  tags: ['v2'],
  args: { disabled: true },
};

/** Dark theme, menu open. */
export const Dark: Story = {
  tags: ['dark', 'open'],
  globals: { theme: 'dark' },
  args: { open: true },
  parameters: { docs: { story: { height: '280px' } } },
};

/** Right-to-left, menu open: the menu and the dots mirror. */
export const RightToLeft: Story = {
  tags: ['rtl', 'open'],
  globals: { direction: 'rtl' },
  args: { open: true },
  parameters: { docs: { story: { height: '280px' } } },
};
