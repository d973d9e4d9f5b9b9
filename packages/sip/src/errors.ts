/** Why something of the SIP phone failed. */
export type SipErrorCode =
  /** The options are invalid (e.g. `ws:` to a remote host, an AOR that is not a `sip:` URI); nothing was sent. */
  | 'invalid-argument'
  /** The WebSocket to the PBX could not be opened (or dropped and could not be opened again). */
  | 'transport'
  /** The PBX refused the registration (403, 404 and other final failures of REGISTER). */
  | 'registration-refused'
  /** The PBX kept asking for credentials (401/407 after the credentials were sent): wrong username or password. */
  | 'auth-failed'
  /** No answer in time (408, or no response to a request at all). */
  | 'timeout'
  /** The callee is busy (486, 600). */
  | 'busy'
  /** The callee declined (603). */
  | 'declined'
  /** No such number (404, 484, 604). */
  | 'not-found'
  /** The callee is not reachable now (480). */
  | 'unavailable'
  /** The microphone could not be used (permission denied, no device). */
  | 'microphone'
  /** The media path failed (ICE failed): the call was ended. */
  | 'ice-failed'
  /** Any other failure of a call (the SIP status says which). */
  | 'call-failed'
  /** The call or the phone is not in a state that allows this. */
  | 'invalid-state';

/**
 * The one error type of `@cif-elements/sip`: a `code` to switch on, the SIP `status` and reason phrase when
 * the PBX answered. It never carries credentials.
 */
export class SipError extends Error {
  override readonly name = 'SipError';
  readonly code: SipErrorCode;
  /** SIP status code of the response that caused it, if any. */
  readonly status: number | undefined;
  /** The call it is about, if any. */
  readonly callId: string | undefined;

  constructor(code: SipErrorCode, message: string, options: { status?: number; callId?: string; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.status = options.status;
    this.callId = options.callId;
  }
}

/** The error code of a final failure response to an INVITE. */
export function inviteFailureCode(status: number): SipErrorCode {
  if (status === 486 || status === 600) return 'busy';
  if (status === 603) return 'declined';
  if (status === 404 || status === 484 || status === 604) return 'not-found';
  if (status === 408) return 'timeout';
  if (status === 480) return 'unavailable';
  if (status === 401 || status === 407) return 'auth-failed';
  return 'call-failed';
}

/** The error code of a final failure response to a REGISTER. */
export function registerFailureCode(status: number): SipErrorCode {
  if (status === 401 || status === 407) return 'auth-failed';
  if (status === 408) return 'timeout';
  return 'registration-refused';
}

/** Shortens a SIP reason phrase to something safe to show (no control characters, at most 120 characters). */
export function safeReason(reason: unknown): string {
  const text = typeof reason === 'string' ? reason.replace(/[\u0000-\u001f\u007f]/g, ' ').trim() : '';
  return text.length > 120 ? `${text.slice(0, 119)}…` : text;
}
