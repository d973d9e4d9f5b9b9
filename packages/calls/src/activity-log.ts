/**
 * Activity logging: the Dynamics `phonecall` record of a call, and a durable queue that keeps every log
 * until Dynamics has it. Pure logic over a `CifClient` and a `Storage`; no DOM rendering, no Lit.
 *
 * - {@link buildPhoneCallRecord} makes the Web API body: subject, `directioncode` (true = outgoing),
 *   `phonenumber`, `actualdurationminutes`, `actualstart`/`actualend`, `description` (outcome and notes),
 *   `regardingobjectid_<entity>_phonecall@odata.bind`, and `phonecall_activity_parties` (the customer and the
 *   agent as from = 1 / to = 2). The record carries its own `activityid`, generated once, so a retry after
 *   an answer that got lost cannot create a second activity: Dynamics refuses the duplicate key and the log
 *   counts as written.
 * - {@link PendingLogStore} keeps logs in `localStorage` (or any `Storage`) from the moment a call ends until
 *   `createRecord` resolves. Failed writes stay, with their error and attempt count, for the next
 *   {@link PendingLogStore.flush}; a page reload loses nothing.
 */
import { toCifError } from '@cif-elements/client/api';
import type { CifError } from '@cif-elements/client/api';
import type { CifClient, CifRecord, RecordRef } from '@cif-elements/client/api';

/** Direction of a call, seen from the agent. */
export type CallDirection = 'incoming' | 'outgoing';

/** A record the activity points to. */
export interface LoggedRecord {
  entityName: string;
  id: string;
  name?: string;
}

/** What a phone call activity is made of. Plain data: it is stored as JSON until written. */
export interface CallLogInput {
  /** Provider's call id. */
  callId: string;
  direction: CallDirection;
  /** The other party's number (E.164 when known). */
  number: string;
  /** When the call started ringing or dialling (epoch ms). */
  startedAt: number;
  /** When it was answered (epoch ms); missing for missed, declined and unanswered calls. */
  connectedAt?: number;
  /** When it ended (epoch ms). */
  endedAt: number;
  /** The customer the call is about (the screen-pop match or the agent's choice). */
  regarding?: LoggedRecord;
  /** The agent: `systemuser` id from `getEnvironment().userId` (braces are stripped). */
  userId?: string;
  /** Subject line; default made by {@link defaultCallSubject}. */
  subject?: string;
  /** Wrap-up notes. */
  notes?: string;
  /** Wrap-up outcome. */
  outcome?: string;
  /** Queue or reason the telephony gave. */
  queue?: string;
  reason?: string;
  /** Why the call ended: `completed`, `missed`, `declined`, `timeout`, or the telephony's own word. */
  endReason?: string;
}

/** Entity set names of the record types a call is usually about (others: `<name>s`, `y` → `ies`). */
const ENTITY_SETS: Record<string, string> = {
  contact: 'contacts',
  account: 'accounts',
  incident: 'incidents',
  lead: 'leads',
  opportunity: 'opportunities',
  systemuser: 'systemusers',
};

/** Web API entity set name of a logical name: `contact` → `contacts`, `opportunity` → `opportunities`. */
export function entitySetName(entity: string): string {
  const e = entity.toLowerCase();
  return ENTITY_SETS[e] ?? (/[^aeiou]y$/.test(e) ? `${e.slice(0, -1)}ies` : e.endsWith('s') ? `${e}es` : `${e}s`);
}

/** `{7D3E…}` → `7d3e…`. */
export function stripBraces(id: string): string {
  return typeof id === 'string' ? id.replace(/[{}]/g, '').trim().toLowerCase() : '';
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** A random version-4 GUID. */
export function newActivityId(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** Whether the call was answered. */
const wasAnswered = (input: CallLogInput) => typeof input.connectedAt === 'number';

/** "Call from Ada Lovelace", "Call to +1 425 555 0100", "Missed call from …". */
export function defaultCallSubject(input: CallLogInput): string {
  const who = input.regarding?.name || input.number || 'unknown number';
  if (input.direction === 'outgoing') return wasAnswered(input) ? `Call to ${who}` : `Unanswered call to ${who}`;
  if (wasAnswered(input)) return `Call from ${who}`;
  return input.endReason === 'declined' ? `Declined call from ${who}` : `Missed call from ${who}`;
}

/** Connected minutes, rounded up (a 20 s call is 1 minute); 0 for unanswered calls. */
export function callDurationMinutes(input: CallLogInput): number {
  if (!wasAnswered(input)) return 0;
  const ms = Math.max(0, input.endedAt - input.connectedAt!);
  return Math.ceil(ms / 60_000);
}

/** The `description`: outcome, queue and reason lines, then the notes. */
export function callDescription(input: CallLogInput): string {
  const lines: string[] = [];
  if (input.outcome) lines.push(`Outcome: ${input.outcome}`);
  if (input.queue) lines.push(`Queue: ${input.queue}`);
  if (input.reason) lines.push(`Reason: ${input.reason}`);
  const notes = (input.notes ?? '').trim();
  if (notes) {
    if (lines.length) lines.push('');
    lines.push(notes);
  }
  return lines.join('\n');
}

const partyOf = (entity: string, id: string, mask: 1 | 2): CifRecord => ({
  [`partyid_${entity}@odata.bind`]: `/${entitySetName(entity)}(${id})`,
  participationtypemask: mask,
});

/** Party types a phone call can have as sender or recipient. */
const PARTY_ENTITIES = new Set(['contact', 'account', 'lead', 'systemuser']);

/**
 * The Web API body of the `phonecall` activity for a call (see the module comment). `activityId` becomes the
 * record's primary key.
 */
export function buildPhoneCallRecord(input: CallLogInput, activityId: string): CifRecord {
  const outgoing = input.direction === 'outgoing';
  const record: CifRecord = {
    activityid: activityId,
    subject: (input.subject ?? '').trim() || defaultCallSubject(input),
    directioncode: outgoing,
    phonenumber: input.number,
    actualdurationminutes: callDurationMinutes(input),
    actualstart: new Date(input.connectedAt ?? input.startedAt).toISOString(),
    actualend: new Date(input.endedAt).toISOString(),
  };
  const description = callDescription(input);
  if (description) record.description = description;
  const regarding = input.regarding;
  const regardingId = regarding ? stripBraces(regarding.id) : '';
  if (regarding && GUID.test(regardingId)) {
    const entity = regarding.entityName.toLowerCase();
    record[`regardingobjectid_${entity}_phonecall@odata.bind`] = `/${entitySetName(entity)}(${regardingId})`;
  }
  const parties: CifRecord[] = [];
  const customerMask = outgoing ? 2 : 1;
  if (regarding && GUID.test(regardingId) && PARTY_ENTITIES.has(regarding.entityName.toLowerCase())) {
    parties.push(partyOf(regarding.entityName.toLowerCase(), regardingId, customerMask));
  }
  const userId = input.userId ? stripBraces(input.userId) : '';
  if (GUID.test(userId)) parties.push(partyOf('systemuser', userId, customerMask === 1 ? 2 : 1));
  if (parties.length) record.phonecall_activity_parties = parties;
  return record;
}

/** Whether a `createRecord` failure means the record exists already (a retry of a write that succeeded). */
export function isDuplicateKeyError(error: unknown): boolean {
  const message = error instanceof Error ? error.message : String(error ?? '');
  return /duplicate key|already exists|0x80040237/i.test(message);
}

// ------------------------------------------------------------------------------------------ the queue

/** A phone call log kept until Dynamics has it. */
export interface PendingCallLog {
  /** The activity id (the record's primary key). */
  id: string;
  callId: string;
  /** What the record is built from. */
  input: CallLogInput;
  /** The body sent to `createRecord`. */
  record: CifRecord;
  /** Epoch ms the log was kept. */
  createdAt: number;
  /** Failed writes so far. */
  attempts: number;
  /** Message of the last failure. */
  lastError?: string;
  /** Epoch ms of the last attempt. */
  lastAttemptAt?: number;
  /**
   * True while the agent is still wrapping up (notes and outcome may change): not written yet. A draft of a
   * page that was closed is written by the next controller as it is.
   */
  draft?: boolean;
  /** Epoch ms until which a writer (this or another tab) owns the log. */
  lockedUntil?: number;
}

/** The part of the Web Storage API the store uses (`localStorage`, `sessionStorage`, or your own). */
export interface KeyValueStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

/** Options of {@link PendingLogStore}. */
export interface PendingLogStoreOptions {
  /** Where logs are kept. Default `localStorage` (an in-memory store when it is unavailable). */
  storage?: KeyValueStorage;
  /** Storage key. Default {@link PENDING_LOGS_KEY}. */
  key?: string;
  /** How long a writer owns a log while `createRecord` runs, in ms. Default 30 000. */
  lockMs?: number;
}

/** Default storage key of {@link PendingLogStore}. */
export const PENDING_LOGS_KEY = 'cif-elements:pending-call-logs';

/** Outcome of writing one log. */
export type LogWriteResult =
  | { ok: true; log: PendingCallLog; ref: RecordRef; duplicate: boolean }
  | { ok: false; log: PendingCallLog; error: CifError }
  /** A draft, a log another writer owns, or a log that is gone. */
  | { ok: 'skipped'; id: string };

/** Result of {@link PendingLogStore.flush}. */
export interface FlushResult {
  written: Array<{ log: PendingCallLog; ref: RecordRef }>;
  failed: Array<{ log: PendingCallLog; error: CifError }>;
}

class MemoryStorage implements KeyValueStorage {
  private readonly map = new Map<string, string>();
  getItem(key: string): string | null {
    return this.map.get(key) ?? null;
  }
  setItem(key: string, value: string): void {
    this.map.set(key, value);
  }
  removeItem(key: string): void {
    this.map.delete(key);
  }
}

function defaultStorage(): KeyValueStorage {
  try {
    const s = globalThis.localStorage;
    if (s) return s;
  } catch {
    /* blocked (third-party iframe with storage disabled) */
  }
  return new MemoryStorage();
}

const isObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);

function isLog(v: unknown): v is PendingCallLog {
  return (
    isObject(v) &&
    typeof v.id === 'string' &&
    typeof v.callId === 'string' &&
    isObject(v.input) &&
    isObject(v.record) &&
    typeof v.createdAt === 'number' &&
    typeof v.attempts === 'number'
  );
}

/**
 * A durable queue of phone call logs. Every read goes to the storage, so two controllers (or tabs) over the
 * same storage see the same logs; a lock (`lockedUntil`) keeps them from writing the same log twice.
 * If the storage refuses a write (quota, blocked), the log is kept in memory and `durable` turns false.
 */
export class PendingLogStore {
  readonly key: string;
  private readonly storage: KeyValueStorage;
  private readonly lockMs: number;
  private readonly memory = new MemoryStorage();
  private _durable = true;

  constructor(options: PendingLogStoreOptions = {}) {
    this.storage = options.storage ?? defaultStorage();
    this.key = options.key ?? PENDING_LOGS_KEY;
    this.lockMs = options.lockMs ?? 30_000;
  }

  /** False once the storage refused a write: logs are then kept in memory only (until the page goes). */
  get durable(): boolean {
    return this._durable;
  }

  /** Every kept log, oldest first (copies). */
  list(): PendingCallLog[] {
    return this.read().map((l) => structuredClone(l));
  }

  /** Number of kept logs. */
  get size(): number {
    return this.read().length;
  }

  /** A copy of one log. */
  get(id: string): PendingCallLog | undefined {
    const l = this.read().find((x) => x.id === id);
    return l ? structuredClone(l) : undefined;
  }

  /** Keeps `log` (adds it, or replaces the one with the same id). */
  put(log: PendingCallLog): void {
    const all = this.read().filter((l) => l.id !== log.id);
    all.push(structuredClone(log));
    this.write(all);
  }

  /** Changes one log; returns the new value, or `undefined` when it is gone. */
  update(id: string, patch: Partial<PendingCallLog>): PendingCallLog | undefined {
    const all = this.read();
    const i = all.findIndex((l) => l.id === id);
    if (i < 0) return undefined;
    const next = { ...all[i]!, ...patch, id };
    for (const [k, v] of Object.entries(patch)) if (v === undefined) delete (next as Record<string, unknown>)[k];
    all[i] = next;
    this.write(all);
    return structuredClone(next);
  }

  /** Forgets one log. */
  remove(id: string): void {
    const all = this.read();
    const rest = all.filter((l) => l.id !== id);
    if (rest.length !== all.length) this.write(rest);
  }

  /** Forgets every log. */
  clear(): void {
    this.write([]);
  }

  /**
   * Writes one log with `createRecord('phonecall', …)`: removed when Dynamics has it (or says it has it
   * already), else kept with the error. Drafts, logs another writer owns and unknown ids are skipped.
   * Never rejects.
   */
  async send(client: CifClient, id: string, options: { entity?: string } = {}): Promise<LogWriteResult> {
    const now = Date.now();
    const current = this.read().find((l) => l.id === id);
    if (!current || current.draft || (current.lockedUntil ?? 0) > now) return { ok: 'skipped', id };
    const locked = this.update(id, { lockedUntil: now + this.lockMs, lastAttemptAt: now }) ?? current;
    try {
      const ref = await client.createRecord(options.entity ?? 'phonecall', locked.record);
      this.remove(id);
      return { ok: true, log: locked, ref, duplicate: false };
    } catch (e) {
      const error = toCifError(e, 'createRecord');
      if (isDuplicateKeyError(error)) {
        this.remove(id);
        return { ok: true, log: locked, ref: { id, entityType: options.entity ?? 'phonecall' }, duplicate: true };
      }
      const failed =
        this.update(id, { lockedUntil: undefined, attempts: locked.attempts + 1, lastError: error.message }) ??
        { ...locked, attempts: locked.attempts + 1, lastError: error.message };
      return { ok: false, log: failed, error };
    }
  }

  /** Writes every log that is not a draft and not owned by another writer, oldest first. Never rejects. */
  async flush(client: CifClient, onResult?: (result: LogWriteResult) => void): Promise<FlushResult> {
    const out: FlushResult = { written: [], failed: [] };
    for (const log of this.read()) {
      const r = await this.send(client, log.id);
      if (r.ok === 'skipped') continue;
      onResult?.(r);
      if (r.ok) out.written.push({ log: r.log, ref: r.ref });
      else out.failed.push({ log: r.log, error: r.error });
    }
    return out;
  }

  private read(): PendingCallLog[] {
    let text: string | null = null;
    if (this._durable) {
      try {
        text = this.storage.getItem(this.key);
      } catch {
        text = this.memory.getItem(this.key);
      }
    } else {
      text = this.memory.getItem(this.key);
    }
    if (!text) return [];
    try {
      const v: unknown = JSON.parse(text);
      return Array.isArray(v) ? v.filter(isLog) : [];
    } catch {
      return [];
    }
  }

  private write(all: PendingCallLog[]): void {
    const text = JSON.stringify(all);
    this.memory.setItem(this.key, text);
    if (!this._durable) return;
    try {
      if (all.length === 0) this.storage.removeItem(this.key);
      else this.storage.setItem(this.key, text);
    } catch (e) {
      this._durable = false;
      console.warn('[cif-elements] call logs cannot be saved in storage; keeping them in memory', e);
    }
  }
}
