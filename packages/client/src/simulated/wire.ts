/**
 * The simulated host's wire protocol: how the fake `Microsoft.CIFramework` answers and fails the way the
 * real library does (JSON-string or `Map` rejections, Xrm error envelopes, argument checks), injected
 * failures, and the widget's event handlers (payloads as JSON strings, promises required).
 */
import type { CifFrameworkApi, CifFrameworkHandler } from '../framework.js';
import { isObject } from '../util.js';

/** Name of a `Microsoft.CIFramework` function. */
export type CifApiName = keyof CifFrameworkApi;

/**
 * An injected failure, see {@link SimulatedCifHost.fail}.
 * - `shape` — how the call rejects: `'json'` a JSON string `{"message","msdyn_name"}` (default for APIs that
 *   resolve JSON strings), `'map'` a `Map` with `message`/`msdyn_name` (default for the raw APIs), `'xrm'` a
 *   JSON string `{"value":{"errorMsg","errorType",…}}` (an Xrm call failing inside the host), `'error'` an
 *   `Error`, `'string'` a plain non-JSON string.
 * - `message` — the failure text (default `"Simulated failure of <method>"`).
 * - `times` — how many calls fail before the method works again (default: every call).
 */
export interface SimulatedFailureOptions {
  shape?: 'json' | 'map' | 'xrm' | 'error' | 'string';
  message?: string;
  times?: number;
}

/**
 * What {@link SimulatedCifHost.fail} injects: a rejection ({@link SimulatedFailureOptions}), CIF's own
 * time-out rejection (`'timeout'`, after the normal latency rather than 10 s), or a wrong answer: `'presence-failed'`
 * resolves the literal `"FAILED"` (what `getPresence` answers when Omnichannel presence is broken) and `'false'`
 * resolves `false` (what `setPresence` answers when Dynamics refuses the presence).
 */
export type SimulatedFailure = SimulatedFailureOptions | 'timeout' | 'presence-failed' | 'false';

/** A handler that broke CIF's contract (did not return a promise, threw, or rejected). */
export interface SimulatedHandlerError {
  eventName: string;
  message: string;
}

/** CIF's own time-out message (the host gave no answer within 10 s). */
export const CIF_TIMEOUT_MESSAGE = 'Timeout occurred as no response was received from listener window';
/** Rejection message of CIF 2.0 APIs on a CIF 1.0 host. */
export const CIF_UNSUPPORTED_MESSAGE = 'API not supported in this CIF version';
/** Rejection message of session and tab APIs while another provider's session has the focus. */
export const CIF_FOREIGN_SESSION_MESSAGE = 'Focused session is neither the default session nor it belongs to the provider';
/** Rejection message of `setMode` in the home session of an app with several channel providers. */
export const CIF_HOME_SESSION_MODE_MESSAGE =
  'setMode is not supported in the home session when several channel providers are configured';

/** `errorType` values of Xrm failures as the CIF host reports them. */
const XRM_API_ERROR = 1;

/** APIs whose results (and rejections) are JSON strings; the rest resolve raw values and reject with Maps. */
const JSON_APIS: ReadonlySet<string> = new Set([
  'createRecord',
  'retrieveRecord',
  'updateRecord',
  'deleteRecord',
  'searchAndOpenRecords',
  'openForm',
  'getEnvironment',
  'notifyEvent',
  'cancelEvent',
  'addHandler',
  'removeHandler',
]);

export const isNonEmptyString = (v: unknown): v is string => typeof v === 'string' && v.trim() !== '';

/** One argument check: whether it failed, and the message. */
export type Check = [failed: boolean, message: string];
/** Argument validation: the message of the first failed check, or `undefined` when all pass. */
export const problem = (...checks: Check[]): string | undefined => checks.find(([failed]) => failed)?.[1];
export const checkEntity = (v: unknown): Check => [!isNonEmptyString(v), 'entityLogicalName must be a non-empty string'];
export const checkId = (v: unknown): Check => [!isNonEmptyString(v), 'entityId must be a non-empty string'];
export const checkData = (v: unknown): Check => [parseObject(v) === undefined, 'data must be a JSON string of an object'];

/** Parses a JSON string that must hold an object; `undefined` when it does not. */
export function parseObject(json: unknown): Record<string, unknown> | undefined {
  if (typeof json !== 'string') return undefined;
  try {
    const v: unknown = JSON.parse(json);
    return isObject(v) ? v : undefined;
  } catch {
    return undefined;
  }
}

export function describeError(e: unknown): string {
  if (e instanceof Error) return e.message;
  if (e instanceof Map) return JSON.stringify(Object.fromEntries(e));
  if (typeof e === 'string') return e;
  try {
    return JSON.stringify(e);
  } catch {
    return String(e);
  }
}

/** Validation rejection of the library: JSON string `{"message","msdyn_name"}`. */
export function jsonError(method: string, message: string): string {
  return JSON.stringify({ message, msdyn_name: method });
}

/** Rejection of a raw API: a `Map` with `message` and `msdyn_name`. */
export function mapError(method: string, message: string): Map<string, unknown> {
  return new Map<string, unknown>([
    ['message', message],
    ['msdyn_name', method],
  ]);
}

/** An Xrm call failing inside the host: JSON string `{"value":{"errorMsg",…}}`. */
export function xrmError(method: string, message: string): string {
  return JSON.stringify({
    value: { errorMsg: message, errorType: XRM_API_ERROR, reportTime: new Date().toISOString(), sourceFunc: method },
  });
}

/** Returns the injected wrong answer, or throws the injected rejection, in the shape `method` fails with. */
export function injectedAnswer(method: string, failure: SimulatedFailure): unknown {
  if (failure === 'presence-failed') return 'FAILED';
  if (failure === 'false') return false;
  const json = JSON_APIS.has(method);
  if (failure === 'timeout') throw json ? jsonError(method, CIF_TIMEOUT_MESSAGE) : mapError(method, CIF_TIMEOUT_MESSAGE);
  const message = failure.message ?? `Simulated failure of ${method}`;
  switch (failure.shape ?? (json ? 'json' : 'map')) {
    case 'json':
      throw jsonError(method, message);
    case 'map':
      throw mapError(method, message);
    case 'xrm':
      throw xrmError(method, message);
    case 'error':
      throw new Error(message);
    case 'string':
      throw message;
  }
}

/** The failures injected per method (see {@link SimulatedCifHost.fail}). */
export class FailureSwitches {
  private readonly failures = new Map<string, { failure: SimulatedFailure; remaining: number }>();

  set(method: CifApiName, failure: SimulatedFailure): void {
    const times = typeof failure === 'object' ? (failure.times ?? Infinity) : Infinity;
    if (times <= 0) {
      this.failures.delete(method);
      return;
    }
    this.failures.set(method, { failure, remaining: times });
  }

  clear(method?: CifApiName): void {
    if (method) this.failures.delete(method);
    else this.failures.clear();
  }

  /** The failure the next call of `method` gets (counted), if any. */
  take(method: string): SimulatedFailure | undefined {
    const entry = this.failures.get(method);
    if (!entry) return undefined;
    entry.remaining -= 1;
    if (entry.remaining <= 0) this.failures.delete(method);
    return entry.failure;
  }
}

/** The widget's event handlers, and how the host calls them. */
export class HandlerRegistry {
  private readonly handlers = new Map<string, CifFrameworkHandler[]>();

  add(name: string, handler: CifFrameworkHandler): void {
    let list = this.handlers.get(name);
    if (!list) {
      list = [];
      this.handlers.set(name, list);
    }
    list.push(handler);
  }

  /** Removes one registration; false when it was not registered. */
  remove(name: string, handler: CifFrameworkHandler): boolean {
    const list = this.handlers.get(name);
    const i = list ? list.indexOf(handler) : -1;
    if (!list || i < 0) return false;
    list.splice(i, 1);
    if (list.length === 0) this.handlers.delete(name);
    return true;
  }

  /** Number of handlers (of all events, or of one). */
  count(eventName?: string): number {
    if (eventName !== undefined) return this.handlers.get(eventName)?.length ?? 0;
    let n = 0;
    for (const list of this.handlers.values()) n += list.length;
    return n;
  }

  /**
   * Calls the handlers of `eventName` with the payload as a JSON string (a string payload passes through
   * untouched); a handler that throws, returns no promise or rejects is reported to `failed`.
   * @returns the number of handlers called
   */
  raise(eventName: string, payload: unknown, failed: (eventName: string, message: string) => void): number {
    const list = [...(this.handlers.get(eventName) ?? [])];
    const data = typeof payload === 'string' ? payload : (JSON.stringify(payload) ?? 'null');
    for (const handler of list) {
      let result: unknown;
      try {
        result = handler(data);
      } catch (e) {
        failed(eventName, `The "${eventName}" handler threw: ${describeError(e)}`);
        continue;
      }
      if (!result || typeof (result as PromiseLike<unknown>).then !== 'function') {
        failed(
          eventName,
          `The "${eventName}" handler did not return a promise; CIF calls .then() on it and the host times out ` +
            `("${CIF_TIMEOUT_MESSAGE}")`,
        );
        continue;
      }
      (result as PromiseLike<unknown>).then(undefined, (e: unknown) =>
        failed(eventName, `The "${eventName}" handler's promise rejected: ${describeError(e)}`),
      );
    }
    return list.length;
  }
}
