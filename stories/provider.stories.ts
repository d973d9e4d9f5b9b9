import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { CifFrameworkClient } from '@cif-elements/client';
import { createFakeCIFramework } from '@cif-elements/client/testing';
import '@cif-elements/core';
import type { CifProvider, CifProviderStrings } from '@cif-elements/core';

/** Controls: the provider's attributes (named as in custom-elements.json) and its `strings` property. */
type Args = {
  'crm-url': string;
  simulated: boolean;
  'cif-version': '' | '1' | '2';
  'init-timeout': number;
  'call-timeout': number;
  'agent-call-timeout': number;
  'panel-mode': '' | '0' | '1' | '2';
  'default-session': string;
  'panel-width': number | undefined;
  strings: Partial<CifProviderStrings>;
  locale: string;
};

/** What the slotted status line says once the provider is ready. */
function describeReady(e: Event): void {
  const provider = e.currentTarget as CifProvider;
  const client = provider.client;
  const out = provider.querySelector('output');
  if (!client || !out) return;
  const records = provider.host ? `, ${provider.host.records('contact').length} demo contacts` : '';
  const to = client.kind === 'simulated' ? 'a simulated host' : 'a Microsoft.CIFramework';
  out.textContent = `Connected to ${to}, CIF ${client.version}.0${records}.`;
}

const provider = (args: Partial<Args>) => html`<cif-provider
  crm-url=${ifDefined(args['crm-url'] || undefined)}
  ?simulated=${!!args.simulated}
  cif-version=${ifDefined(args['cif-version'] || undefined)}
  init-timeout=${ifDefined(args['init-timeout'])}
  call-timeout=${ifDefined(args['call-timeout'])}
  agent-call-timeout=${ifDefined(args['agent-call-timeout'])}
  panel-mode=${ifDefined(args['panel-mode'] || undefined)}
  default-session=${ifDefined(args['default-session'] || undefined)}
  panel-width=${ifDefined(args['panel-width'])}
  locale=${ifDefined(args.locale || undefined)}
  .strings=${args.strings ?? {}}
  @cif-ready=${describeReady}
>
  <output>Connecting…</output>
</cif-provider>`;

const meta: Meta<Args> = {
  title: 'Elements/cif-provider',
  component: 'cif-provider',
  args: {
    'crm-url': '',
    simulated: true,
    'cif-version': '',
    'init-timeout': 10000,
    'call-timeout': 15000,
    'agent-call-timeout': 600000,
    'panel-mode': '',
    'default-session': '',
    'panel-width': undefined,
    strings: {},
    locale: '',
  },
  argTypes: {
    locale: { control: 'select', options: ['', 'en', 'de', 'fr', 'es', 'it', 'pt-BR', 'nl', 'ja', 'zh-Hans', 'ko', 'ar', 'he', 'en-XA', 'ar-XB'] },
    'cif-version': { control: 'inline-radio', options: ['', '1', '2'] },
    'panel-mode': { control: 'inline-radio', options: ['', '0', '1', '2'] },
    'panel-width': { control: { type: 'number', min: 0 } },
    'init-timeout': { control: { type: 'number', min: 0 } },
    'call-timeout': { control: { type: 'number', min: 0 } },
  },
  parameters: {
    actions: { handles: ['cif-ready', 'cif-error'] },
  },
  render: (args) => provider(args),
};
export default meta;

type Story = StoryObj<Args>;

/**
 * `simulated`: an in-memory Dynamics 365 with demo records, CIF 2.0 (multisession). The provider renders
 * only its content (and an error when connecting fails); the stories slot a status line that says what it
 * connected to. The catalog never connects to a real org: it uses `simulated`, an injected client, or a
 * `crm-url` that fails without a network request.
 */
export const Simulated: Story = {
  tags: ['v2'],
};

/**
 * Several channel providers (CIF 2.0): Dynamics hides each provider's widget in the home session and refuses
 * `setMode` there. `default-session="…"` opens a session from that template at start — and again after the
 * agent closes it — so the widget shows; `panel-mode="1"` is then applied in that session. The simulated
 * host models it with `simulatedOptions: { providers: 2 }` (its `widgetVisible` says whether Dynamics shows
 * the widget). With one provider, `panel-mode="1"` alone is the path.
 */
export const SeveralProviders: Story = {
  name: 'Several providers: default session',
  tags: ['v2'],
  args: { 'default-session': 'msdyn_phone_default', 'panel-mode': '1' },
  render: (args) => html`<cif-provider
    simulated
    .simulatedOptions=${{ providers: 2 }}
    default-session=${args['default-session'] ?? ''}
    panel-mode=${ifDefined(args['panel-mode'] || undefined)}
    @cif-ready=${(e: Event) => {
      const p = e.currentTarget as CifProvider;
      void p.ensureDefaultSession().then((id) => {
        const out = p.querySelector('output');
        if (out) out.textContent = id ? `Default session ${id} open: the widget is visible.` : 'No default session needed.';
      });
    }}
  >
    <output>Connecting…</output>
  </cif-provider>`,
};

/** `simulated cif-version="1"`: a CIF 1.0 (single-session) host. */
export const SimulatedCifV1: Story = {
  name: 'Simulated, CIF 1.0',
  tags: ['v1'],
  args: { 'cif-version': '1' },
};

/** `.client=…`: any `CifClient` injected, here over the scriptable fake CIF library of the tests. */
export const InjectedClient: Story = {
  tags: ['v2'],
  args: { simulated: false },
  render: (args) => html`<cif-provider
    .client=${new CifFrameworkClient(createFakeCIFramework({ version: 2 }), { version: 2 })}
    .strings=${args.strings ?? {}}
    @cif-ready=${describeReady}
  >
    <output>Connecting…</output>
  </cif-provider>`,
};

/** Connecting failed: no CIF library on the page and no `crm-url` (as when the page is opened outside Dynamics). */
export const NoLibrary: Story = {
  tags: ['error'],
  args: { simulated: false },
};

/** Connecting failed: `crm-url` is not a URL. The built-in error has a retry button. */
export const InvalidCrmUrl: Story = {
  tags: ['error'],
  args: { simulated: false, 'crm-url': 'contoso' },
};

/** The `error` slot replaces the built-in message. */
export const CustomErrorSlot: Story = {
  tags: ['error'],
  args: { simulated: false },
  render: (args) => html`<cif-provider .strings=${args.strings ?? {}}>
    <p slot="error" role="alert">This widget only works inside Dynamics 365 Customer Service.</p>
  </cif-provider>`,
};

/** `strings`: the error texts replaced (here in German). */
export const Localized: Story = {
  tags: ['error'],
  args: {
    simulated: false,
    strings: { errorTitle: 'Keine Verbindung zu Dynamics 365', retry: 'Erneut versuchen' },
  },
};

/** The error box in the dark theme. */
export const Dark: Story = {
  tags: ['dark', 'error'],
  globals: { theme: 'dark' },
  args: { simulated: false },
};

/** The error box right-to-left. */
export const RightToLeft: Story = {
  tags: ['rtl', 'error'],
  globals: { direction: 'rtl' },
  args: { simulated: false },
};
