/** Why a CIF operation failed. */
export type CifErrorCode =
  /** `CIFInitDone` never came within the time-out. */
  | 'init-timeout'
  /** The CIF library script failed to load. */
  | 'library-load-failed'
  /** No `Microsoft.CIFramework` and no `crmUrl` to load it from. */
  | 'no-library'
  /** The call needs CIF 2.0 (or an API this CIF build lacks). */
  | 'unsupported'
  /** The arguments were invalid; nothing was sent. */
  | 'invalid-argument'
  /** CIF (or Dynamics) rejected the call. */
  | 'rejected'
  /** CIF gave up waiting for the host (its 10 s time-out). */
  | 'timeout'
  /** CIF answered with something that is not what it documents. */
  | 'invalid-response'
  /** The record or session does not exist. */
  | 'not-found'
  /** A limit was reached (e.g. 10 sessions). */
  | 'limit-reached'
  /** The client was disposed. */
  | 'disposed';

/** The one error type every client method rejects with. */
export class CifError extends Error {
  override readonly name = 'CifError';
  /** What kind of failure this is. */
  readonly code: CifErrorCode;
  /** The client method (or `'init'`) that failed. */
  readonly method: string;
  /** The raw rejection CIF gave (a JSON string, a `Map`, an `Error`, …). */
  override readonly cause: unknown;

  constructor(code: CifErrorCode, method: string, message: string, cause?: unknown) {
    super(message);
    this.code = code;
    this.method = method;
    this.cause = cause;
  }
}

/** Reads a message out of whatever CIF rejected with: JSON string, `Map`, `Error`, string or object. */
export function rejectionMessage(raw: unknown): string {
  let value: unknown = raw;
  if (typeof raw === 'string') {
    try {
      value = JSON.parse(raw);
    } catch {
      return raw || 'Unknown CIF error';
    }
  }
  if (value instanceof Map) value = Object.fromEntries(value);
  if (value instanceof Error) return value.message || value.name;
  if (value && typeof value === 'object') {
    const o = value as Record<string, unknown>;
    const inner = o.value instanceof Map ? Object.fromEntries(o.value) : o.value;
    const innerMsg = inner && typeof inner === 'object' ? (inner as Record<string, unknown>).errorMsg : undefined;
    for (const m of [o.message, o.errorMsg, innerMsg, typeof inner === 'string' ? inner : undefined]) {
      if (typeof m === 'string' && m) return m;
    }
    return 'Unknown CIF error';
  }
  if (value === undefined || value === null || value === '') return 'Unknown CIF error';
  return String(value);
}

/**
 * Messages that say a limit was reached — "Maximum number of sessions (10) reached", "limit reached",
 * "limit exceeded", "…LimitExceeded", "exceeds the maximum", "too many sessions" — and not every text that
 * merely contains "limit" ("Rate limiting is off", "unlimited", "delimiter", "Call limitations apply").
 */
const LIMIT_REACHED =
  /\b(?:maximum|max)\b[^.]*\b(?:reached|exceeded)\b|\blimit\s*(?:has been\s*|was\s*)?(?:reached|exceeded)\b|limitexceeded|\bexceed(?:s|ed)?\s+(?:the\s+)?(?:maximum|max|limit)\b|\btoo many\b/i;

/** Turns any CIF rejection into a {@link CifError}, guessing the code from CIF's message. */
export function toCifError(raw: unknown, method: string): CifError {
  if (raw instanceof CifError) return raw;
  const message = rejectionMessage(raw);
  const lower = message.toLowerCase();
  let code: CifErrorCode = 'rejected';
  if (lower.includes('timeout occurred') || lower.includes('timed out')) code = 'timeout';
  else if (lower.includes('not found') || lower.includes('does not exist')) code = 'not-found';
  else if (LIMIT_REACHED.test(message)) code = 'limit-reached';
  return new CifError(code, method, message, raw);
}
