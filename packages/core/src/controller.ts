import { ContextConsumer } from '@lit/context';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { CifClient, CifEventMap, CifEventName } from '@cif-elements/client/api';
import { cifClientContext } from './context.js';
import { installTokens } from './tokens.js';

/** Listeners an element keeps on the client while it is connected. */
export type CifEventHandlers = { [K in CifEventName]?: (payload: CifEventMap[K]) => void };

/** Options of {@link CifController}. */
export interface CifControllerOptions {
  /** Client events to listen to while the host is connected to the page and has a client. */
  events?: CifEventHandlers;
  /**
   * Called whenever the host gets a client (first time, a new one, or again after being re-attached):
   * the place to read initial state with `getClickToAct()`, `getPresence()`, … Not called with `undefined`.
   */
  onClient?: (client: CifClient) => void;
}

/**
 * Gives an element the shared {@link CifClient}: from an explicit `client` (set with {@link setOverride})
 * or else from the nearest `<cif-provider>` through context — even when the element upgraded before the
 * provider. Subscribes the element's event handlers while connected and removes every one of them on
 * disconnect, so an element removed from the page leaves no listener on the client.
 */
export class CifController implements ReactiveController {
  private readonly host: ReactiveControllerHost & HTMLElement;
  private readonly options: CifControllerOptions;
  private fromContext: CifClient | undefined;
  private override: CifClient | undefined;
  private bound: CifClient | undefined;
  private unsubscribers: Array<() => void> = [];
  private connected = false;

  constructor(host: ReactiveControllerHost & HTMLElement, options: CifControllerOptions = {}) {
    this.host = host;
    this.options = options;
    installTokens();
    new ContextConsumer(host, {
      context: cifClientContext,
      subscribe: true,
      callback: (value) => {
        this.fromContext = value;
        this.sync();
      },
    });
    host.addController(this);
  }

  /** The client in use, if any. */
  get client(): CifClient | undefined {
    return this.override ?? this.fromContext;
  }

  /** Uses `client` instead of the context's (dependency injection); `undefined` goes back to context. */
  setOverride(client: CifClient | undefined): void {
    this.override = client;
    this.sync();
  }

  hostConnected(): void {
    this.connected = true;
    this.sync();
  }

  hostDisconnected(): void {
    this.connected = false;
    // Forget the context's answer: reconnected elsewhere, the element asks again and may get another
    // provider's client (or none).
    this.fromContext = undefined;
    this.unbind();
  }

  private unbind(): void {
    for (const off of this.unsubscribers) off();
    this.unsubscribers = [];
    this.bound = undefined;
  }

  private sync(): void {
    const next = this.connected ? this.client : undefined;
    if (next === this.bound) return;
    this.unbind();
    if (next) {
      this.bound = next;
      for (const [type, fn] of Object.entries(this.options.events ?? {})) {
        if (fn) this.unsubscribers.push(next.on(type as CifEventName, fn as never));
      }
      this.options.onClient?.(next);
    }
    this.host.requestUpdate();
  }
}
