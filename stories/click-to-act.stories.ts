import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import type { CifClient } from '@cif-elements/client';
import '@cif-elements/core';
import '@cif-elements/click-to-act';
import type { CifClickToActStrings } from '@cif-elements/click-to-act';
import { find, loadedCif, until, withSimulatedHost } from './support.js';

/** Controls: the element's attributes (named as in custom-elements.json) and its `strings` property. */
type Args = {
  label: string;
  disabled: boolean;
  compact: boolean;
  'hide-last': boolean;
  strings: Partial<CifClickToActStrings>;
  locale: string;
};

const clickToAct = (args: Partial<Args>) => html`<cif-click-to-act
  label=${args.label ?? ''}
  ?disabled=${!!args.disabled}
  ?compact=${!!args.compact}
  ?hide-last=${!!args['hide-last']}
  locale=${ifDefined(args.locale || undefined)}
  .strings=${args.strings ?? {}}
></cif-click-to-act>`;

const inProvider = (args: Partial<Args>, client: CifClient) =>
  html`<cif-provider .client=${client}>${clickToAct(args)}</cif-provider>`;

/** Waits until the switch has read CIF's value. */
const ready = (root: HTMLElement) => {
  const el = find<HTMLElementTagNameMap['cif-click-to-act']>(root, 'cif-click-to-act');
  return until(() => el.state === 'ready', 'the switch to read the setting').then(() => el);
};

const meta: Meta<Args> = {
  title: 'Elements/cif-click-to-act',
  component: 'cif-click-to-act',
  args: { locale: '', label: '', disabled: false, compact: false, 'hide-last': false, strings: {} },
  argTypes: {
    locale: { control: 'select', options: ['', 'en', 'de', 'fr', 'es', 'it', 'pt-BR', 'nl', 'ja', 'zh-Hans', 'ko', 'ar', 'he', 'en-XA', 'ar-XB'] },
  },
  parameters: {
    actions: { handles: ['cif-click-to-act', 'cif-click-to-act-change'] },
  },
  loaders: [withSimulatedHost()],
  render: (args, context) => inProvider(args, loadedCif(context).client),
};
export default meta;

type Story = StoryObj<Args>;

/**
 * Connected to a CIF 2.0 host with click-to-act on: the switch is on and invites a click in Dynamics.
 * Like every story here it runs on a simulated Dynamics 365 host (`SimulatedCifHost`), injected with
 * `<cif-provider .client=…>`: toggle the switch and the simulated host stores the org-wide flag.
 */
export const On: Story = {
  tags: ['v2'],
};

/** Click-to-act is off for the organisation. */
export const Off: Story = {
  tags: ['v2'],
  loaders: [withSimulatedHost({ clickToAct: false })],
};

/** The agent clicked a phone number on a Dynamics contact form: the last clicked item shows it. */
export const LastClicked: Story = {
  tags: ['v2'],
  play: async (context) => {
    await ready(context.canvasElement);
    loadedCif(context).host.clickToAct({
      value: '+1 425 555 0100',
      name: 'telephone1',
      entityLogicalName: 'contact',
    });
  },
};

/** No `<cif-provider>` and no client: a calm "not connected" state, the switch disabled. */
export const NotConnected: Story = {
  tags: ['not-connected'],
  render: (args) => clickToAct(args),
};

/** Reading the setting failed (CIF rejected `getClickToAct` with a Map, as the real library does). */
export const ReadError: Story = {
  tags: ['error'],
  loaders: [
    withSimulatedHost({
      fail: {
        getClickToAct: { shape: 'map', message: 'Principal user is missing prvReadmsdyn_ciprovider privilege' },
      },
    }),
  ],
};

/** Turning it off was refused: the switch goes back and shows CIF's reason. */
export const WriteError: Story = {
  tags: ['error'],
  loaders: [
    withSimulatedHost({
      fail: { setClickToAct: { shape: 'map', message: 'Principal user is missing prvWritemsdyn_ciprovider privilege' } },
    }),
  ],
  play: async ({ canvasElement }) => {
    const el = await ready(canvasElement);
    await el.toggle();
  },
};

/** On a CIF 1.0 host (single-session apps): click-to-act works the same. */
export const CifV1: Story = {
  tags: ['v1'],
  name: 'CIF 1.0',
  loaders: [withSimulatedHost({ version: 1 })],
};

/** `disabled`: the agent cannot change the org-wide setting from this widget. */
export const Disabled: Story = {
  tags: ['v2'],
  args: { disabled: true },
};

/** `compact`: the description becomes the switch's tooltip (it stays its accessible description). */
export const Compact: Story = {
  tags: ['compact'],
  args: { compact: true },
};

/** Dark theme (`data-cif-theme="dark"` on an ancestor), with a clicked item. */
export const Dark: Story = {
  tags: ['dark'],
  globals: { theme: 'dark' },
  play: LastClicked.play,
};

/** Right-to-left: the thumb moves towards the left when on. */
export const RightToLeft: Story = {
  tags: ['rtl'],
  globals: { direction: 'rtl' },
  play: LastClicked.play,
};
