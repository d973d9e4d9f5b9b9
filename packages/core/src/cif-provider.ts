import { html, css, nothing } from 'lit';
import type { PropertyValues, TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { provide } from '@lit/context';
import { CifError, toCifError, type CifClient, type CifVersion, type PanelMode } from '@cif-elements/client/api';
import type { SimulatedCifHost, SimulatedCifHostOptions } from '@cif-elements/client/simulated';
import { cifClientContext, cifLocaleContext } from './context.js';
import { CifElement, cifElement } from './element.js';
import { DEFAULT_PROVIDER_STRINGS, PROVIDER_LOCALE_PACKS, type CifProviderStrings } from './strings.js';
import { numberAttribute, sanitizeNumber } from './attributes.js';
import { baseStyles, installTokens } from './tokens.js';
import { lazyModule } from './lazy-part.js';

/** Connection state of a `<cif-provider>`. */
export type CifProviderState = 'connecting' | 'ready' | 'error';


/**
 * `cif-version`: `1` or `2`; missing or empty means "detect". Anything else is kept as given so that
 * connecting fails with a clear `invalid-argument` error instead of silently detecting.
 */
const versionConverter = {
  fromAttribute: (v: string | null): CifVersion | undefined => {
    const t = v?.trim() ?? '';
    if (t === '') return undefined;
    return (t === '1' ? 1 : t === '2' ? 2 : t) as CifVersion;
  },
  toAttribute: (v: CifVersion | undefined) => (v === undefined || v === null ? null : String(v)),
};

/** `panel-mode` / `panel-width`: missing or empty means "leave as is"; anything else is checked on use. */
const optionalNumberConverter = {
  fromAttribute: (v: string | null): number | undefined => (v === null || v.trim() === '' ? undefined : Number(v.trim())),
  toAttribute: (v: number | undefined) => (v === undefined || v === null ? null : String(v)),
};

const INIT_TIMEOUT = { name: '<cif-provider> init-timeout', fallback: 10_000, min: 0, exclusiveMin: true, expected: 'a number of milliseconds > 0' };
const AGENT_CALL_TIMEOUT = { name: '<cif-provider> agent-call-timeout', fallback: 600_000, min: 0, exclusiveMin: true, expected: 'a number of milliseconds > 0' };
const CALL_TIMEOUT = { name: '<cif-provider> call-timeout', fallback: 15_000, min: 0, exclusiveMin: true, expected: 'a number of milliseconds > 0' };

/** The default session and the panel's mode and width, applied once the client is ready (provider-session.ts). */
type SessionPart = typeof import('./provider-session.js');
// Fetched alongside the client (the single file puts both in one chunk): not part of the first paint.
const sessionPart = lazyModule(() => import('./provider-session.js'));
// What connecting needs, loaded on demand (a live widget never downloads the simulated host and its demo
// data); a provider starts fetching them when it is attached, while the page's other elements upgrade.
const clientModule = lazyModule(() => import('@cif-elements/client/connect'));
const simulatedModule = lazyModule(() => import('@cif-elements/client/simulated'));

/**
 * Connects to Dynamics 365 Channel Integration Framework — live, or on a simulated host — and shares one
 * typed `CifClient` with every cif-elements element inside it. Those elements hold their first render
 * until it is ready or has failed, at most 100 ms: a quick connection paints the connected widget once.
 *
 * @tagname cif-provider
 * @summary The CIF connection every other element uses.
 *
 * @slot - The widget: cif-elements and any other markup.
 * @slot error - Replaces the built-in error message shown when connecting fails.
 *
 * @csspart error - The error message box (role="alert").
 * @csspart retry - The retry button in the error box.
 *
 * @fires cif-ready - The client is connected. `detail: { client: CifClient }`.
 * @fires cif-error - Connecting failed, or applying `panel-mode`/`panel-width` or creating the
 *   `default-session` failed. `detail: CifError`.
 *
 * @cssprop --cif-color-danger - Colour of the error message.
 * @cssprop --cif-color-danger-subtle - Background of the error message.
 */
@cifElement('cif-provider')
export class CifProvider extends CifElement<CifProviderStrings> {
  static override localization = { defaults: DEFAULT_PROVIDER_STRINGS, packs: PROVIDER_LOCALE_PACKS };

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

  /**
   * Force CIF version 1 or 2 instead of detecting it (simulated default: 2). Any other value makes
   * connecting fail with `code: 'invalid-argument'`.
   */
  @property({ attribute: 'cif-version', converter: versionConverter }) cifVersion: CifVersion | undefined;

  /**
   * How long to wait for CIF's `CIFInitDone`, in milliseconds (> 0). A value that is not a number > 0 logs
   * a warning and the default (10 000) is used.
   */
  @property({ attribute: 'init-timeout', type: Number, converter: numberAttribute(INIT_TIMEOUT) }) initTimeout = 10_000;

  /**
   * Longest wait for any one CIF call, in milliseconds, before it fails with `code: 'timeout'` (CIF's own
   * limit is 10 s; this guards against a host that never answers, or the shipped library's JSON-string
   * calls that never settle on a wrongly shaped answer). Calls that wait for the agent have their own,
   * longer guard (`agent-call-timeout`).
   */
  @property({ attribute: 'call-timeout', type: Number, converter: numberAttribute(CALL_TIMEOUT) }) callTimeout = 15_000;

  /**
   * Longest wait for a CIF call that waits for the agent (openForm, notifyEvent, createSession), in
   * milliseconds, before it fails with `code: 'timeout'`. CIF itself never times these out. Default 600 000.
   */
  @property({ attribute: 'agent-call-timeout', type: Number, converter: numberAttribute(AGENT_CALL_TIMEOUT) }) agentCallTimeout = 600_000;

  /**
   * Panel mode applied once ready: 0 minimized, 1 docked, 2 hidden. Any other value fires `cif-error`
   * (`code: 'invalid-argument'`) and leaves the panel as it is.
   */
  @property({ attribute: 'panel-mode', converter: optionalNumberConverter }) panelMode: PanelMode | undefined;

  /**
   * Panel width in pixels (≥ 0) applied once ready. Any other value fires `cif-error`
   * (`code: 'invalid-argument'`) and leaves the width as it is.
   */
  @property({ attribute: 'panel-width', converter: optionalNumberConverter }) panelWidth: number | undefined;

  /**
   * Name of a CIF 2.0 session template to open as this provider's default session. With several channel
   * providers in an app, Dynamics does not show a provider's widget in the home session and refuses
   * `setMode` there (Microsoft's CIF FAQ); a default session makes the widget (the dialer) visible. When set,
   * the provider creates it once ready if the agent is in the home session and the provider has no session
   * open — before `panel-mode` is applied — and again after it was closed (or whenever
   * {@link ensureDefaultSession} is called, e.g. on an incoming call). Ignored on CIF 1.0. With a single
   * provider, use `panel-mode="1"` instead.
   */
  @property({ attribute: 'default-session' }) defaultSession = '';

  /**
   * Options of the simulated host made for `simulated` (e.g. `{ providers: 2 }` to model an app with several
   * channel providers, `{ withoutPresenceApi: true }` for the shipped 2026 library). Changing it reconnects.
   */
  @property({ attribute: false }) simulatedOptions: SimulatedCifHostOptions | undefined;

  /** Connection state, reflected for styling (`cif-provider[state=error]`). */
  @property({ reflect: true }) state: CifProviderState = 'connecting';

  /**
   * The language of every element inside (BCP 47: `de`, `pt-BR`, `ar`, …; an element's own `locale` wins).
   * Without it, the Dynamics 365 user's language (`getEnvironment().userLcid`) once connected; English when
   * neither is one of `CIF_LOCALES`. With a right-to-left language the provider sets `dir="rtl"` (and
   * `lang`) on itself unless the page set them.
   */
  @property() override locale: string | undefined;

  /** The Dynamics 365 user's language, read once connected (provider-session.ts). */
  @state() private userLocale: string | undefined;

  @provide({ context: cifLocaleContext })
  protected providedLocale: string | undefined;

  /** The last connection error, if `state` is `error`. */
  @state() error: CifError | undefined;

  @provide({ context: cifClientContext })
  protected provided: CifClient | undefined;

  private injected: CifClient | undefined;
  private own: CifClient | undefined;
  private simulatedHost: SimulatedCifHost | undefined;
  private attempt = 0;
  private abort: AbortController | undefined;
  /** Removed from the page while connecting: reconnect when attached again. */
  private interrupted = false;
  /** Bad numbers already warned about. */
  private readonly warned = new Set<string>();
  /** Id of the default session this provider opened, while it is open. */
  private defaultSessionId: string | undefined;
  private creatingDefault: Promise<string | undefined> | undefined;
  private unsubscribeSessions: (() => void) | undefined;

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
    if (!this.hasUpdated && !this.injected) {
      // Connecting starts at the first update (after every property a framework sets); its modules can come
      // now, before this element's own set-up (shadow root, styles, controllers): the simulated host's first.
      if (this.simulated) void simulatedModule().catch(() => undefined);
      void clientModule().catch(() => undefined);
    }
    super.connectedCallback();
    // Re-attached (a framework re-render moves or re-creates the node): connect again when the last attempt
    // failed, or was cut off by the removal while connecting.
    const interrupted = this.interrupted;
    this.interrupted = false;
    if (this.hasUpdated && !this.client && (this.state !== 'connecting' || interrupted)) void this.connect();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    if (this.state === 'connecting' && !this.injected) {
      // Stop waiting; the attempt is finished off (and its result dropped) and resumed on re-attach.
      this.interrupted = true;
      this.attempt++;
      this.abort?.abort();
    }
  }

  // The provider's own text shows only after an error: its children are not held back while it loads.
  protected override holdsForStrings = false;

  protected override marksLocale(): boolean {
    return this.l10n.locale !== 'en';
  }

  protected override fallbackLocale(): string | undefined {
    return this.userLocale;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    // What every element inside shows: the resolved locale (`en` when nothing applies).
    const locale = this.l10n.locale;
    if (this.providedLocale !== locale) this.providedLocale = locale;
    const sourceChanged =
      changed.has('client' as keyof CifProvider) ||
      changed.has('crmUrl') ||
      changed.has('simulated') ||
      changed.has('simulatedOptions') ||
      changed.has('cifVersion');
    if (sourceChanged) void this.connect();
    else if (changed.has('defaultSession') && this.hasUpdated && this.state === 'ready') void this.ensureDefaultSession();
    else if ((changed.has('panelMode') || changed.has('panelWidth')) && this.hasUpdated && this.state === 'ready') {
      const client = this.client!;
      this.withSessionPart((m) => m.applyPanel(this, client));
    }
  }

  private async connect(): Promise<void> {
    const attempt = ++this.attempt;
    void sessionPart().catch(() => undefined); // with the client, in parallel
    this.abort?.abort();
    this.unsubscribeSessions?.();
    this.unsubscribeSessions = undefined;
    this.defaultSessionId = undefined;
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
      const version = this.cifVersion as unknown;
      if (version !== undefined && version !== null && version !== 1 && version !== 2) {
        throw new CifError('invalid-argument', 'init', `cif-version="${String(version)}" is not a CIF version: use 1, 2, or leave it out to detect it.`);
      }
      let client: CifClient;
      if (this.simulated) {
        // The client module is fetched alongside, not after the simulated host's chunk has been parsed.
        const [{ SimulatedCifHost, createSimulatedClient }] = await Promise.all([simulatedModule(), clientModule()]);
        if (attempt !== this.attempt) return;
        this.simulatedHost = new SimulatedCifHost({ ...(this.simulatedOptions ?? {}), version: this.cifVersion ?? 2 });
        client = createSimulatedClient(this.simulatedHost);
      } else {
        this.abort = new AbortController();
        const { connectCif } = await clientModule();
        if (attempt !== this.attempt) return;
        client = await connectCif({
          crmUrl: this.crmUrl || undefined,
          timeoutMs: sanitizeNumber(this.initTimeout, INIT_TIMEOUT, this.warned),
          version: this.cifVersion,
          callTimeoutMs: sanitizeNumber(this.callTimeout, CALL_TIMEOUT, this.warned),
          agentCallTimeoutMs: sanitizeNumber(this.agentCallTimeout, AGENT_CALL_TIMEOUT, this.warned),
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
      this.emit('cif-error', err);
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
    this.emit('cif-ready', { client });
    this.withSessionPart((m) => {
      void m.readUserLocale(this, client);
      return m.afterReady(this, client);
    });
  }

  /**
   * Opens the `default-session` (CIF 2.0) if the agent is in the home session and this provider has no
   * session open; resolves its id, the id of the one already open, or `undefined` when none is needed or it
   * could not be created (then `cif-error` fired). Call it when your telephony needs the widget (an incoming
   * call) after the agent closed the default session. Never rejects.
   */
  ensureDefaultSession(): Promise<string | undefined> {
    return sessionPart().then(
      (m) => m.ensureDefaultSession(this),
      () => undefined,
    );
  }

  /** Runs `f` with the session and panel module (loaded with the client), after the client is ready. */
  private withSessionPart(f: (m: SessionPart) => unknown): void {
    sessionPart().then(f, (e: unknown) => console.warn('<cif-provider>: could not load its session and panel part', e));
  }

  override render(): TemplateResult {
    const s = this.s;
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
