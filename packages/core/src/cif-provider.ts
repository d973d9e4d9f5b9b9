import { LitElement, html, css, nothing } from 'lit';
import type { PropertyValues, TemplateResult } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { provide } from '@lit/context';
import { CifError, toCifError, type CifClient, type CifVersion, type PanelMode } from '@cif-elements/client/api';
import type { SimulatedCifHost } from '@cif-elements/client/simulated';
import { cifClientContext } from './context.js';
import { baseStyles, installTokens } from './tokens.js';

/** Connection state of a `<cif-provider>`. */
export type CifProviderState = 'connecting' | 'ready' | 'error';

/** Replaceable text of `<cif-provider>`. */
export interface CifProviderStrings {
  errorTitle: string;
  retry: string;
}

const DEFAULT_STRINGS: CifProviderStrings = {
  errorTitle: 'Could not connect to Dynamics 365',
  retry: 'Retry',
};

const versionConverter = {
  fromAttribute: (v: string | null): CifVersion | undefined => (v === '1' ? 1 : v === '2' ? 2 : undefined),
  toAttribute: (v: CifVersion | undefined) => (v === undefined ? null : String(v)),
};

/**
 * Connects to Dynamics 365 Channel Integration Framework — live, or on a simulated host — and shares one
 * typed `CifClient` with every cif-elements element inside it.
 *
 * @summary The CIF connection every other element uses.
 *
 * @slot - The widget: cif-elements and any other markup.
 * @slot error - Replaces the built-in error message shown when connecting fails.
 *
 * @csspart error - The error message box (role="alert").
 * @csspart retry - The retry button in the error box.
 *
 * @fires cif-ready - The client is connected. `detail: { client: CifClient }`.
 * @fires cif-error - Connecting failed, or applying `panel-mode`/`panel-width` failed. `detail: CifError`.
 *
 * @cssprop --cif-color-danger - Colour of the error message.
 * @cssprop --cif-color-danger-subtle - Background of the error message.
 */
@customElement('cif-provider')
export class CifProvider extends LitElement {
  static override styles = [
    baseStyles,
    css`
      :host {
        display: block;
      }
      [part='error'] {
        display: flex;
        flex-wrap: wrap;
        gap: var(--cif-space-s);
        align-items: center;
        margin-block-end: var(--cif-space-s);
        padding: var(--cif-space-s) var(--cif-space-m);
        border: 1px solid var(--cif-color-danger);
        border-radius: var(--cif-radius-m);
        background: var(--cif-color-danger-subtle);
        color: var(--cif-color-text);
      }
      .error-text {
        flex: 1 1 12em;
        overflow-wrap: anywhere;
      }
      strong {
        display: block;
        color: var(--cif-color-danger);
      }
    `,
  ];

  /** URL of the Dynamics org (`https://contoso.crm.dynamics.com`); CIF's library is loaded from it. */
  @property({ attribute: 'crm-url' }) crmUrl = '';

  /** Use an in-memory simulated Dynamics host instead of the real CIF. */
  @property({ type: Boolean, reflect: true }) simulated = false;

  /** Force CIF version 1 or 2 instead of detecting it (simulated default: 2). */
  @property({ attribute: 'cif-version', converter: versionConverter }) cifVersion: CifVersion | undefined;

  /** How long to wait for CIF's `CIFInitDone`, in milliseconds. */
  @property({ attribute: 'init-timeout', type: Number }) initTimeout = 10_000;

  /**
   * Longest wait for any one CIF call, in milliseconds, before it fails with `code: 'timeout'` (CIF's own
   * limit is 10 s; this guards against a host that never answers). Calls that wait for the agent
   * (openForm, notifyEvent, createSession) are not limited.
   */
  @property({ attribute: 'call-timeout', type: Number }) callTimeout = 15_000;

  /** Panel mode applied once ready: 0 minimized, 1 docked, 2 hidden. */
  @property({ attribute: 'panel-mode', type: Number }) panelMode: PanelMode | undefined;

  /** Panel width in pixels applied once ready. */
  @property({ attribute: 'panel-width', type: Number }) panelWidth: number | undefined;

  /** Connection state, reflected for styling (`cif-provider[state=error]`). */
  @property({ reflect: true }) state: CifProviderState = 'connecting';

  /** Text shown by the provider; set a partial object to replace some of it. */
  @property({ attribute: false }) strings: Partial<CifProviderStrings> = {};

  /** The last connection error, if `state` is `error`. */
  @state() error: CifError | undefined;

  @provide({ context: cifClientContext })
  protected provided: CifClient | undefined;

  private injected: CifClient | undefined;
  private own: CifClient | undefined;
  private simulatedHost: SimulatedCifHost | undefined;
  private attempt = 0;
  private abort: AbortController | undefined;

  constructor() {
    super();
    installTokens();
  }

  /**
   * The shared client. Set it to inject any `CifClient` (tests, your own wiring); it then wins over
   * `crm-url` and `simulated`.
   */
  @property({ attribute: false })
  get client(): CifClient | undefined {
    return this.injected ?? this.own;
  }
  set client(value: CifClient | undefined) {
    const old = this.client;
    this.injected = value;
    this.requestUpdate('client', old);
  }

  /** The simulated Dynamics host, when `simulated` is set (drive it from a demo or a test). */
  get host(): SimulatedCifHost | undefined {
    return this.simulatedHost;
  }

  /** Connects again (after an error, or to pick up changed attributes). */
  retry(): Promise<void> {
    return this.connect();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.hasUpdated && !this.client && this.state !== 'connecting') void this.connect();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.abort?.abort();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    const sourceChanged =
      changed.has('client' as keyof CifProvider) ||
      changed.has('crmUrl') ||
      changed.has('simulated') ||
      changed.has('cifVersion');
    if (sourceChanged) void this.connect();
    else if ((changed.has('panelMode') || changed.has('panelWidth')) && this.hasUpdated && this.state === 'ready') {
      void this.applyPanel(this.client!);
    }
  }

  private async connect(): Promise<void> {
    const attempt = ++this.attempt;
    this.abort?.abort();
    if (this.injected) {
      this.own?.dispose();
      this.own = undefined;
      this.simulatedHost = undefined;
      this.ready(this.injected);
      return;
    }
    this.state = 'connecting';
    this.error = undefined;
    this.provided = undefined;
    this.own?.dispose();
    this.own = undefined;
    this.simulatedHost = undefined;
    try {
      let client: CifClient;
      if (this.simulated) {
        // Loaded on demand: a live widget never downloads the simulated host and its demo data.
        const { SimulatedCifHost, createSimulatedClient } = await import('@cif-elements/client/simulated');
        if (attempt !== this.attempt) return;
        this.simulatedHost = new SimulatedCifHost({ version: this.cifVersion ?? 2 });
        client = createSimulatedClient(this.simulatedHost);
      } else {
        this.abort = new AbortController();
        // Loaded on demand too (the client and the CIF library loader): not part of the first paint.
        const { connectCif } = await import('@cif-elements/client/connect');
        if (attempt !== this.attempt) return;
        client = await connectCif({
          crmUrl: this.crmUrl || undefined,
          timeoutMs: this.initTimeout,
          version: this.cifVersion,
          callTimeoutMs: this.callTimeout,
          signal: this.abort.signal,
        });
        await this.handshake(client);
      }
      if (attempt !== this.attempt) {
        client.dispose();
        return;
      }
      this.own = client;
      this.ready(client);
    } catch (e) {
      if (attempt !== this.attempt) return;
      const err = toCifError(e, 'init');
      if (err.code === 'disposed') return;
      this.error = err;
      this.state = 'error';
      this.dispatchEvent(new CustomEvent('cif-error', { detail: err, bubbles: true, composed: true }));
    }
  }

  /**
   * `CIFInitDone` only says the library script ran: CIF has no handshake, and a host that does not accept
   * this page (wrong crm-url, origin missing from the channel provider's Trusted Domain) answers nothing
   * at all. One cheap call proves Dynamics is listening before the widget is declared ready.
   */
  private async handshake(client: CifClient): Promise<void> {
    try {
      await client.getMode();
    } catch (e) {
      client.dispose();
      const cause = toCifError(e, 'init');
      throw new CifError(
        cause.code === 'timeout' ? 'timeout' : 'rejected',
        'init',
        `Dynamics 365 did not answer CIF (${cause.message}). Check crm-url and the channel provider's Trusted Domain.`,
        cause,
      );
    }
  }

  private ready(client: CifClient): void {
    this.provided = client;
    this.state = 'ready';
    this.error = undefined;
    this.dispatchEvent(new CustomEvent('cif-ready', { detail: { client }, bubbles: true, composed: true }));
    void this.applyPanel(client);
  }

  private async applyPanel(client: CifClient): Promise<void> {
    try {
      if (this.panelMode !== undefined && this.panelMode !== null) await client.setMode(this.panelMode);
      if (this.panelWidth !== undefined && this.panelWidth !== null) await client.setWidth(this.panelWidth);
    } catch (e) {
      this.dispatchEvent(new CustomEvent('cif-error', { detail: toCifError(e, 'init'), bubbles: true, composed: true }));
    }
  }

  override render(): TemplateResult {
    const s = { ...DEFAULT_STRINGS, ...this.strings };
    const error =
      this.state === 'error' && this.error
        ? html`<slot name="error">
            <div part="error" role="alert">
              <span class="error-text"><strong>${s.errorTitle}</strong>${this.error.message}</span>
              <button part="retry" type="button" @click=${() => this.retry()}>${s.retry}</button>
            </div>
          </slot>`
        : nothing;
    return html`${error}<slot></slot>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'cif-provider': CifProvider;
  }
  interface HTMLElementEventMap {
    'cif-ready': CustomEvent<{ client: CifClient }>;
    'cif-error': CustomEvent<CifError>;
  }
}
