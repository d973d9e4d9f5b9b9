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
import { isGuid, isObject, newGuid, normalizeId, toCifError, TypedEventTarget } from '@cif-elements/client/api';
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
  /** Why the call ended: `completed`, `missed`, `declined`, `timeout`, `transferred`, or the telephony's own word. */
  endReason?: string;
  /** Where the agent transferred the call (number or name). */
  transferTarget?: string;
  /** The other parties of a conference this call was in. */
  conferenceWith?: string[];
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

/**
 * `{7D3E…}` → `7d3e…`.
 * @deprecated Use `normalizeId` from `@cif-elements/client/api`.
 */
export const stripBraces: (id: string) => string = normalizeId;

/** A random version-4 GUID (the activity's id, chosen before it is written). */
export function newActivityId(): string {
  return typeof crypto.randomUUID === 'function' ? crypto.randomUUID() : newGuid();
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

/** End reasons the subject and the fields already say; any other (a telephony failure) gets an "Ended:" line. */
const PLAIN_END_REASONS = new Set(['completed', 'missed', 'declined', 'timeout', 'unanswered', 'transferred']);

/** The `description`: outcome, queue and reason lines, an unusual end reason, then the notes. */
export function callDescription(input: CallLogInput): string {
  const lines: string[] = [];
  if (input.outcome) lines.push(`Outcome: ${input.outcome}`);
  if (input.queue) lines.push(`Queue: ${input.queue}`);
  if (input.reason) lines.push(`Reason: ${input.reason}`);
  if (input.transferTarget) lines.push(`Transferred to: ${input.transferTarget}`);
  if (input.conferenceWith?.length) lines.push(`Conference with: ${input.conferenceWith.join(', ')}`);
  if (input.endReason && !PLAIN_END_REASONS.has(input.endReason)) lines.push(`Ended: ${input.endReason}`);
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
  const regardingId = regarding ? normalizeId(regarding.id) : '';
  if (regarding && isGuid(regardingId)) {
    const entity = regarding.entityName.toLowerCase();
    record[`regardingobjectid_${entity}_phonecall@odata.bind`] = `/${entitySetName(entity)}(${regardingId})`;
  }
  const parties: CifRecord[] = [];
  const customerMask = outgoing ? 2 : 1;
  if (regarding && isGuid(regardingId) && PARTY_ENTITIES.has(regarding.entityName.toLowerCase())) {
    parties.push(partyOf(regarding.entityName.toLowerCase(), regardingId, customerMask));
  }
  const userId = input.userId ? normalizeId(input.userId) : '';
  if (isGuid(userId)) parties.push(partyOf('systemuser', userId, customerMask === 1 ? 2 : 1));
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
   * True while the agent is still wrapping up (notes and outcome may change): not written yet. Only its
   * {@link PendingCallLog.owner} writes it, unless the owner is gone (its tab closed or crashed): then any
   * store takes it over and writes it as it is.
   */
  draft?: boolean;
  /** Id of the {@link LogOwner} (a controller) a draft belongs to. */
  owner?: string;
  /** Without `navigator.locks` only: epoch ms until which a writer (this or another tab) owns the log. */
  lockedUntil?: number;
  /** Without `navigator.locks` only: which writer holds `lockedUntil`. */
  lockToken?: string;
}

/**
 * The part of the Web Storage API the store uses (`localStorage`, `sessionStorage`, or your own). `length`
 * and `key()` let the store find the logs other tabs kept; a storage without them shows only the logs this
 * store kept.
 */
export interface KeyValueStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
  readonly length?: number;
  key?(index: number): string | null;
}

/** The part of the Web Locks API the store uses (`navigator.locks`). */
export interface LockManagerLike {
  request<T>(name: string, options: { ifAvailable?: boolean; signal?: AbortSignal }, callback: (lock: unknown) => Promise<T> | T): Promise<T>;
  query(): Promise<{ held?: Array<{ name?: string }>; pending?: Array<{ name?: string }> }>;
}

/** Options of {@link PendingLogStore}. */
export interface PendingLogStoreOptions {
  /** Where logs are kept. Default `localStorage` (memory only, and `durable` false, when it is unavailable). */
  storage?: KeyValueStorage;
  /** Prefix of the storage keys. Default {@link PENDING_LOGS_KEY}. */
  key?: string;
  /**
   * Locks shared by every tab and frame of the origin. Default `navigator.locks`; `null` uses the fallback
   * (see {@link PendingLogStore}).
   */
  locks?: LockManagerLike | null;
  /** Without locks: how long a writer owns a log while `createRecord` runs, in ms. Default 30 000. */
  lockMs?: number;
  /** How often an owner of drafts writes its heartbeat, in ms. Default 10 000. */
  heartbeatMs?: number;
  /** Without locks: an owner whose heartbeat is older than this is gone, in ms. Default 120 000. */
  ownerStaleMs?: number;
  /** While storage refuses writes: how often the store tries again, in ms. Default 5 000. */
  recoverMs?: number;
}

/** How many written log ids a store remembers (so a late change cannot bring a written log back). */
export const RECENTLY_WRITTEN = 500;

/** Default storage key prefix of {@link PendingLogStore}. */
export const PENDING_LOGS_KEY = 'cif-elements:pending-call-logs';

/** Why a log was not sent. */
export type LogSkipReason =
  /** A draft whose owner is still wrapping up. */
  | 'draft'
  /** Another tab or frame is sending it right now. */
  | 'busy'
  /** It is gone: written (by this or another tab) or removed. */
  | 'gone'
  /** Storage cannot be read right now (it throws): tried again later. */
  | 'unreadable';

/** Outcome of writing one log. */
export type LogWriteResult =
  | { ok: true; log: PendingCallLog; ref: RecordRef; duplicate: boolean }
  | { ok: false; log: PendingCallLog; error: CifError }
  | { ok: 'skipped'; id: string; reason: LogSkipReason };

/** Result of {@link PendingLogStore.flush}. */
export interface FlushResult {
  written: Array<{ log: PendingCallLog; ref: RecordRef }>;
  failed: Array<{ log: PendingCallLog; error: CifError }>;
  /** Logs left for later: drafts, and logs another tab was sending. */
  skipped: Array<{ id: string; reason: LogSkipReason }>;
}

/** A corrupt entry moved aside (see {@link PendingLogStore.quarantined}). */
export interface QuarantinedLog {
  /** Where it was. */
  key: string;
  /** Where it is kept now. */
  quarantineKey: string;
  /** Its raw text. */
  value: string;
  reason: string;
}

/** Why `durable` is false. */
export type StorageProblem = 'quota' | 'unavailable';

/** Events of {@link PendingLogStore}. */
export interface PendingLogStoreEventMap {
  /** The logs changed (`remote`: in another tab or frame, seen through a `storage` event). */
  change: CustomEvent<{ remote: boolean }>;
  /** `durable` changed. `problem`: why storage refuses writes. */
  durability: CustomEvent<{ durable: boolean; problem?: StorageProblem; error?: unknown }>;
  /** A corrupt entry was quarantined. */
  corrupt: CustomEvent<QuarantinedLog>;
  /**
   * A log another writer held is free again (its Web Lock was released — that writer finished, or its tab
   * went — or, without locks, its lease expired): time to send it again.
   */
  due: CustomEvent<{ id: string }>;
}

/** A log storage refused, kept in this tab (see `PendingLogStore`'s `memory`). */
interface MemoryCopy {
  text: string;
  shadow: boolean;
  base: string | null | undefined;
  own: boolean;
}

/** An owner of drafts (one per controller): alive while it holds its lock (or, without locks, heartbeats). */
export interface LogOwner {
  readonly id: string;
  /** Resolves once other tabs can see the owner is alive. */
  readonly ready: Promise<void>;
  /** The owner goes: its drafts may be taken over. */
  release(): void;
}


function isLog(v: unknown): v is PendingCallLog {
  return (
    isObject(v) &&
    typeof v.id === 'string' &&
    !!v.id &&
    typeof v.callId === 'string' &&
    isObject(v.input) &&
    isObject(v.record) &&
    typeof v.createdAt === 'number' &&
    typeof v.attempts === 'number'
  );
}

function defaultStorage(): KeyValueStorage | undefined {
  try {
    const s = globalThis.localStorage; // the getter throws when storage is blocked for good
    if (s) return s;
  } catch {
    /* blocked (a third-party iframe with storage disabled, a sandbox) */
  }
  return undefined;
}

function defaultLocks(): LockManagerLike | undefined {
  try {
    const l = (globalThis.navigator as Navigator | undefined)?.locks as unknown as LockManagerLike | undefined;
    return l && typeof l.request === 'function' && typeof l.query === 'function' ? l : undefined;
  } catch {
    return undefined;
  }
}

/** Same-document stand-in for Web Locks (fallback: excludes writers of this page only). */
const pageLocks = new Map<string, Promise<void>>();

async function pageLock<T>(name: string, ifAvailable: boolean, fn: (got: boolean) => Promise<T>): Promise<T> {
  const before = pageLocks.get(name);
  if (before && ifAvailable) return fn(false);
  let release!: () => void;
  const mine = new Promise<void>((r) => (release = r));
  const chained = (before ?? Promise.resolve()).then(() => mine);
  pageLocks.set(name, chained);
  await before;
  try {
    return await fn(true);
  } finally {
    release();
    if (pageLocks.get(name) === chained) pageLocks.delete(name);
  }
}

/** Stores of this document, so one page's stores hear each other (the `storage` event only reaches other documents). */
const pageBus = new EventTarget();

function problemOf(e: unknown): StorageProblem {
  const name = (e as { name?: unknown })?.name;
  return name === 'QuotaExceededError' || name === 'NS_ERROR_DOM_QUOTA_REACHED' ? 'quota' : 'unavailable';
}

/**
 * A durable queue of phone call logs, shared by every tab and frame of the origin.
 *
 * - **One storage key per log** (`<key>:log:<id>`): logs kept by two tabs at once never overwrite each other.
 *   A queue in the old single-key format is moved into per-log keys on first read.
 * - **Atomic changes, exclusive sending**: every change to a log and every `createRecord` of it runs under a
 *   Web Lock named after the log (`navigator.locks`), which the browser releases when a tab closes or crashes
 *   — no stale locks. A writer re-reads the log inside the lock, so a log is sent by one tab only, and a log
 *   another tab wrote meanwhile is not sent again.
 * - **Drafts belong to their owner** (a {@link LogOwner}, one per controller): only it finishes and sends
 *   them while it is alive; alive = it holds its Web Lock (and heartbeats in storage). A draft whose owner is
 *   gone is sent as it is by whoever flushes next.
 * - **Storage that refuses writes** (quota, blocked) is reported: `durable` turns false, a `durability` event
 *   fires, the logs are kept in memory (this tab only) and written to storage as soon as it takes them again
 *   (tried every `recoverMs`); then `durable` is true again.
 * - **Corrupt entries** are moved to `<key>:corrupt:<…>` and reported with a `corrupt` event; never dropped.
 * - **Other tabs' changes** arrive as `change` events (`storage` events), so pending counts follow them.
 *
 * **Without `navigator.locks`** (very old browsers, some embedded web views) the store falls back to a lease
 * (`lockedUntil`, `lockMs`) plus a lock among the stores of one page, and to heartbeats for owners: no log is
 * lost (each has its own key), but two tabs racing within the same few milliseconds may both send one log;
 * Dynamics then refuses the second copy (the activity id is the primary key) and it counts as written. An
 * expired lease fires `due`, so the log is sent again on its own.
 */
export class PendingLogStore extends TypedEventTarget<PendingLogStoreEventMap> {
  /** Prefix of the storage keys. */
  readonly key: string;
  private readonly storage: KeyValueStorage | undefined;
  private readonly locks: LockManagerLike | undefined;
  private readonly lockMs: number;
  private readonly heartbeatMs: number;
  private readonly ownerStaleMs: number;
  private readonly recoverMs: number;
  /**
   * Entries the storage refused (storage key → text): kept in this tab only. `shadow`: storage still holds an
   * older copy; when that copy goes (another tab wrote the log), the memory copy goes too. `base`: that
   * copy's text when this one was made (`null`: none; `undefined`: unknown, storage could not be read). `own`: the log's content was written here (`put`,
   * `update`); else only this store's bookkeeping of a send (attempts, error, lease) over content it read —
   * such a copy gives way as soon as another writer changes the stored log (see `recoverEntry`).
   */
  private readonly memory = new Map<string, MemoryCopy>();
  /** Storage keys whose memory copy is being moved back to storage (under the log's lock). */
  private readonly recovering = new Set<string>();
  /**
   * Storage keys this store has seen in storage (written there, or read from there). A memory copy made while
   * storage could not even be read has no known base: if its log is missing from storage at recovery, it
   * went (another tab wrote it) only when the log had been in storage before.
   */
  private readonly seenStored = new Set<string>();
  /** Keys of logs written to Dynamics that storage refused to remove: removed again on recovery. */
  private readonly tombstones = new Set<string>();
  /** Ids this store kept (for storages that cannot list their keys). */
  private readonly known = new Set<string>();
  private readonly quarantine: QuarantinedLog[] = [];
  private readonly owners = new Set<string>();
  private problem: StorageProblem | undefined;
  private recoverTimer: ReturnType<typeof setTimeout> | undefined;
  private heartbeatTimer: ReturnType<typeof setInterval> | undefined;
  private readonly dueTimers = new Map<string, ReturnType<typeof setTimeout>>();
  /** Logs found held by another writer whose lock this store waits for (see `watchLock`); `true` once granted. */
  private readonly lockWatches = new Map<string, boolean>();
  /** Log id → how many of this store's own operations on it are waiting for, or holding, its lock. */
  private readonly inUse = new Map<string, number>();
  /** Owners (in other tabs) of drafts this store left alone → those drafts' ids (see `watchOwner`). */
  private readonly ownerWatches = new Map<string, Set<string>>();
  private readonly listeners = new AbortController();
  private readonly ownerKeySuffix = newActivityId();
  private migrated = false;
  private disposed = false;

  constructor(options: PendingLogStoreOptions = {}) {
    super();
    this.key = options.key ?? PENDING_LOGS_KEY;
    this.storage = options.storage ?? defaultStorage();
    this.locks = options.locks === null ? undefined : (options.locks ?? defaultLocks());
    this.lockMs = options.lockMs ?? 30_000;
    this.heartbeatMs = options.heartbeatMs ?? 10_000;
    this.ownerStaleMs = options.ownerStaleMs ?? 120_000;
    this.recoverMs = options.recoverMs ?? 5_000;
    if (!this.storage) this.setProblem('unavailable');
    else {
      try {
        this.storage.getItem(this.key);
      } catch (e) {
        this.setProblem('unavailable', e); // throws for now: tried again every recoverMs
      }
    }
    const signal = this.listeners.signal;
    if (typeof globalThis.addEventListener === 'function') {
      globalThis.addEventListener(
        'storage',
        (e: StorageEvent) => {
          if (e.key !== null && !e.key.startsWith(this.key)) return;
          if (e.storageArea && (e.storageArea as unknown) !== this.storage) return;
          this.emit('change', { remote: true });
        },
        { signal },
      );
    }
    pageBus.addEventListener(
      'change',
      (e) => {
        const d = (e as CustomEvent<{ source: PendingLogStore; key: string; storage: unknown }>).detail;
        if (d.source !== this && d.key === this.key && d.storage === this.storage) this.emit('change', { remote: true });
      },
      { signal },
    );
  }

  /**
   * True while every log is in storage. False while storage refuses writes (then logs live only as long as
   * this tab); true again once storage takes them.
   */
  get durable(): boolean {
    return this.problem === undefined && this.memory.size === 0;
  }

  /** Why storage refuses writes (`quota`, `unavailable`), while `durable` is false. */
  get storageProblem(): StorageProblem | undefined {
    return this.durable ? undefined : (this.problem ?? 'unavailable');
  }

  /** Whether `navigator.locks` coordinates the tabs (false: the fallback described on the class). */
  get usesLocks(): boolean {
    return !!this.locks;
  }

  /** Corrupt entries found so far (kept under their own keys). */
  quarantined(): QuarantinedLog[] {
    return this.quarantine.map((q) => ({ ...q }));
  }

  /** Every kept log, oldest first (copies). */
  list(): PendingCallLog[] {
    return this.read();
  }

  /** Number of kept logs. */
  get size(): number {
    return this.read().length;
  }

  /** Number of logs waiting for Dynamics that are not drafts. */
  get waiting(): number {
    return this.read().filter((l) => !l.draft).length;
  }

  /** A copy of one log. */
  get(id: string): PendingCallLog | undefined {
    return this.readEntry(this.entryKey(id));
  }

  /** Makes an owner of drafts (a controller makes one). */
  createOwner(): LogOwner {
    const id = newActivityId();
    let releaseLock: (() => void) | undefined;
    let released = false;
    this.owners.add(id);
    this.beat(id);
    this.startHeartbeat();
    const locks = this.locks;
    const ready = locks
      ? new Promise<void>((resolve) => {
          locks
            .request(this.ownerLockName(id), {}, () => {
              resolve();
              return new Promise<void>((r) => {
                releaseLock = r;
                if (released) r();
              });
            })
            .catch(() => resolve());
        })
      : Promise.resolve();
    return {
      id,
      ready,
      release: () => {
        if (released) return;
        released = true;
        releaseLock?.();
        this.owners.delete(id);
        this.safe(() => this.storage?.removeItem(this.ownerKey(id)));
        if (this.owners.size === 0 && this.heartbeatTimer !== undefined) {
          clearInterval(this.heartbeatTimer);
          this.heartbeatTimer = undefined;
        }
      },
    };
  }

  /** Whether the owner of a draft is alive (in this or another tab). */
  async ownerAlive(owner: string | undefined): Promise<boolean> {
    if (!owner) return false;
    if (this.owners.has(owner)) return true;
    if (this.locks) {
      try {
        const state = await this.locks.query();
        const name = this.ownerLockName(owner);
        return [...(state.held ?? []), ...(state.pending ?? [])].some((l) => l.name === name);
      } catch {
        /* fall through to the heartbeat */
      }
    }
    let beat: number;
    try {
      beat = Number(this.storage?.getItem(this.ownerKey(owner)) ?? 0);
    } catch {
      beat = 0;
    }
    return Date.now() - beat < this.ownerStaleMs;
  }

  /**
   * Keeps `log` (adds it, or replaces the one with the same id), atomically across tabs. A log this store
   * wrote to Dynamics a moment ago is not kept again (it would be written twice). `replaceOnly`: only
   * replaces a log that is still kept — one that is gone (written by another tab meanwhile, or removed) is
   * not brought back.
   */
  async put(log: PendingCallLog, options: { replaceOnly?: boolean } = {}): Promise<void> {
    if (!isLog(log)) throw new TypeError('PendingLogStore.put: not a call log');
    const copy = structuredClone(log);
    await this.withLock(log.id, false, async () => {
      if (this.written.has(copy.id)) return;
      if (options.replaceOnly && this.knownGone(copy.id)) return;
      this.writeEntry(copy.id, copy);
    });
  }

  /**
   * Whether the log is known to be gone: storage answered and holds no entry, and this tab keeps no copy.
   * Storage that cannot be read says nothing (a `replaceOnly` put then keeps the log: losing it would be worse
   * than a second send, which Dynamics refuses).
   */
  private knownGone(id: string): boolean {
    try {
      return this.readEntry(this.entryKey(id), true) === undefined;
    } catch {
      return false;
    }
  }

  /** Whether this store wrote the log to Dynamics (of the last {@link RECENTLY_WRITTEN} it wrote). */
  wasWritten(id: string): boolean {
    return this.written.has(id);
  }

  private readonly written = new Set<string>();
  private markWritten(id: string): void {
    this.written.add(id);
    if (this.written.size > RECENTLY_WRITTEN) this.written.delete(this.written.values().next().value!);
  }

  /** Changes one log atomically; returns the new value, or `undefined` when it is gone. */
  async update(id: string, patch: Partial<PendingCallLog>): Promise<PendingCallLog | undefined> {
    return this.withLock(id, false, async () => {
      const current = this.get(id);
      if (!current) return undefined;
      const next = { ...current, ...patch, id } as PendingCallLog;
      for (const [k, v] of Object.entries(patch)) if (v === undefined) delete (next as unknown as Record<string, unknown>)[k];
      this.writeEntry(id, next);
      return structuredClone(next);
    });
  }

  /** Forgets one log. */
  async remove(id: string): Promise<void> {
    await this.withLock(id, false, async () => this.removeEntry(id));
  }

  /** Forgets every log (quarantined entries stay). */
  async clear(): Promise<void> {
    for (const log of this.read()) await this.remove(log.id);
  }

  /**
   * Writes one log with `createRecord('phonecall', …)`, exclusively across tabs: removed when Dynamics has
   * it (or says it has it already), else kept with the error. Skips drafts whose owner is alive, logs another
   * tab is sending (unless `wait`: then waits for it and reports what it did) and logs that are gone.
   * Never rejects.
   */
  async send(client: CifClient, id: string, options: { entity?: string; wait?: boolean } = {}): Promise<LogWriteResult> {
    const entity = options.entity ?? 'phonecall';
    // This store's own puts and sends of the log under way now: if one of them holds the lock, it reports
    // for itself; only a lock held by another writer is waited for (`watchLock`).
    const ownBusy = this.inUse.has(id);
    const attempt = (wait: boolean) => this.withLock(id, !wait, async (got): Promise<LogWriteResult> => {
      if (!got) {
        if (!ownBusy) this.watchLock(id);
        return { ok: 'skipped', id, reason: 'busy' };
      }
      let current: PendingCallLog | undefined;
      try {
        current = this.readEntry(this.entryKey(id), true);
      } catch {
        return { ok: 'skipped', id, reason: 'unreadable' };
      }
      if (!current) return { ok: 'skipped', id, reason: 'gone' };
      if (current.draft && (await this.ownerAlive(current.owner))) {
        this.watchOwner(current.owner!, id);
        return { ok: 'skipped', id, reason: 'draft' };
      }
      const now = Date.now();
      let log: PendingCallLog = { ...current, lastAttemptAt: now };
      delete log.draft; // a draft whose owner is gone is taken over as it is
      if (!this.locks) {
        if ((current.lockedUntil ?? 0) > now) {
          this.scheduleDue(id, current.lockedUntil!);
          return { ok: 'skipped', id, reason: 'busy' };
        }
        const token = newActivityId();
        log = { ...log, lockedUntil: now + this.lockMs, lockToken: token };
        this.writeEntry(id, log, false);
        await new Promise((r) => setTimeout(r, 0));
        if (this.get(id)?.lockToken !== token) return { ok: 'skipped', id, reason: 'busy' };
      }
      try {
        const ref = await client.createRecord(entity, log.record);
        this.markWritten(id);
        this.removeEntry(id);
        return { ok: true, log: this.clean(log), ref, duplicate: false };
      } catch (e) {
        const error = toCifError(e, 'createRecord');
        if (isDuplicateKeyError(error)) {
          this.markWritten(id);
          this.removeEntry(id);
          return { ok: true, log: this.clean(log), ref: { id, entityType: entity }, duplicate: true };
        }
        const failed = this.clean({ ...(this.get(id) ?? log), attempts: log.attempts + 1, lastError: error.message });
        this.writeEntry(id, failed, false);
        return { ok: false, log: failed, error };
      }
    });
    const watching = this.lockWatches.has(id);
    const result = await attempt(!!options.wait);
    // This store was waiting for the lock, and got it meanwhile (holding it only for a moment): the holder
    // it met was, most likely, that wait of its own, not another writer.
    if (result.ok === 'skipped' && result.reason === 'busy' && watching && this.lockWatches.get(id) !== false) return attempt(true);
    return result;
  }

  /**
   * Writes every log that is not a draft of a live owner and not being sent by another tab, oldest first
   * (`except`: ids to leave alone). Never rejects.
   */
  async flush(client: CifClient, onResult?: (result: LogWriteResult) => void, options: { except?: ReadonlySet<string> } = {}): Promise<FlushResult> {
    const out: FlushResult = { written: [], failed: [], skipped: [] };
    for (const log of this.read()) {
      if (options.except?.has(log.id)) continue;
      const r = await this.send(client, log.id);
      if (r.ok === 'skipped') {
        if (r.reason !== 'gone') out.skipped.push({ id: r.id, reason: r.reason });
        continue;
      }
      onResult?.(r);
      if (r.ok) out.written.push({ log: r.log, ref: r.ref });
      else out.failed.push({ log: r.log, error: r.error });
    }
    return out;
  }

  /** Stops listening to other tabs, heartbeats and retries. Kept logs stay in storage. */
  dispose(): void {
    this.disposed = true;
    this.listeners.abort();
    clearTimeout(this.recoverTimer);
    clearInterval(this.heartbeatTimer);
    this.heartbeatTimer = undefined;
    for (const t of this.dueTimers.values()) clearTimeout(t);
    this.dueTimers.clear();
    this.lockWatches.clear();
    this.ownerWatches.clear();
  }

  // ------------------------------------------------------------------ internals

  private emit<K extends keyof PendingLogStoreEventMap>(type: K, detail: PendingLogStoreEventMap[K]['detail']): void {
    this.dispatchEvent(new CustomEvent(type, { detail }));
  }

  private get logPrefix(): string {
    return `${this.key}:log:`;
  }
  private entryKey(id: string): string {
    return this.logPrefix + id;
  }
  private ownerKey(id: string): string {
    return `${this.key}:owner:${id}`;
  }
  private ownerLockName(id: string): string {
    return `${this.key}:owner:${id}`;
  }

  private clean(log: PendingCallLog): PendingCallLog {
    const out = { ...log };
    delete out.lockedUntil;
    delete out.lockToken;
    return out;
  }

  private withLock<T>(id: string, ifAvailable: boolean, fn: (got: boolean) => Promise<T>, signal?: AbortSignal): Promise<T> {
    const name = `${this.key}:lock:${id}`;
    const run = this.locks ? this.locks.request(name, signal ? { ifAvailable, signal } : { ifAvailable }, (lock) => fn(!!lock)) : pageLock(name, ifAvailable, fn);
    if (signal) return run; // the wait of `watchLock`: not an operation of this store on the log
    this.inUse.set(id, (this.inUse.get(id) ?? 0) + 1);
    const done = () => {
      const n = (this.inUse.get(id) ?? 1) - 1;
      if (n > 0) this.inUse.set(id, n);
      else this.inUse.delete(id);
    };
    run.then(done, done);
    return run;
  }

  /**
   * A draft left alone because its owner (a controller in another tab or frame) lives: waits for the owner's
   * Web Lock and fires `due` for its drafts the moment the owner is gone (its tab closed or crashed, or it
   * was disposed), so they are written then rather than at the next timed retry. Needs `navigator.locks`
   * (without it, a gone owner is noticed by its stale heartbeat on a later flush).
   */
  private watchOwner(owner: string, id: string): void {
    if (!this.locks || this.owners.has(owner) || this.disposed) return;
    const ids = this.ownerWatches.get(owner);
    if (ids) {
      ids.add(id);
      return;
    }
    const watched = new Set([id]);
    this.ownerWatches.set(owner, watched);
    const forget = () => {
      if (this.ownerWatches.get(owner) === watched) this.ownerWatches.delete(owner);
    };
    this.locks.request(this.ownerLockName(owner), { signal: this.listeners.signal }, () => undefined).then(() => {
      const live = this.ownerWatches.get(owner) === watched;
      forget();
      if (!live || this.disposed) return;
      for (const d of watched) this.emit('due', { id: d });
    }, forget);
  }

  /**
   * A log another writer holds (storing a change, or sending it): waits in the lock's queue and, once the
   * lock is free, fires `due` if the log is still kept and nobody tried to send it meanwhile — a writer that
   * held the lock for a moment, or whose tab went away mid-write, does not leave the log waiting for the next
   * timed retry; a writer that tried and failed keeps its own retry schedule (no second attempt at once).
   * One wait per log; withdrawn on `dispose()`.
   */
  private watchLock(id: string): void {
    if (this.lockWatches.has(id) || this.disposed) return;
    this.lockWatches.set(id, false);
    const since = Date.now();
    const forget = () => void this.lockWatches.delete(id);
    const granted = async (): Promise<boolean> => {
      if (this.lockWatches.has(id)) this.lockWatches.set(id, true);
      const log = this.safe(() => this.readEntry(this.entryKey(id)));
      return !!log && (log.lastAttemptAt ?? 0) < since;
    };
    this.withLock(id, false, granted, this.listeners.signal).then((free) => {
      if (!this.lockWatches.has(id)) return; // disposed meanwhile
      forget();
      if (free && !this.disposed) this.emit('due', { id });
    }, forget);
  }

  private safe<T>(fn: () => T): T | undefined {
    try {
      return fn();
    } catch {
      return undefined;
    }
  }

  private beat(owner: string): void {
    this.safe(() => this.storage?.setItem(this.ownerKey(owner), String(Date.now())));
  }

  private startHeartbeat(): void {
    if (this.heartbeatTimer !== undefined || this.disposed) return;
    this.heartbeatTimer = setInterval(() => {
      for (const o of this.owners) this.beat(o);
    }, this.heartbeatMs);
  }

  private scheduleDue(id: string, at: number): void {
    if (this.dueTimers.has(id) || this.disposed) return;
    this.dueTimers.set(
      id,
      setTimeout(() => {
        this.dueTimers.delete(id);
        if (!this.disposed) this.emit('due', { id });
      }, Math.max(0, at - Date.now()) + 10),
    );
  }

  private notify(): void {
    if (this.disposed) return;
    this.emit('change', { remote: false });
    pageBus.dispatchEvent(new CustomEvent('change', { detail: { source: this, key: this.key, storage: this.storage } }));
  }

  private setProblem(problem: StorageProblem | undefined, error?: unknown, was = this.durable): void {
    this.problem = problem;
    if (problem) this.scheduleRecovery();
    if (was !== this.durable) {
      const detail: PendingLogStoreEventMap['durability']['detail'] = { durable: this.durable };
      if (!this.durable) {
        detail.problem = this.problem ?? 'unavailable';
        if (error !== undefined) detail.error = error;
        console.warn('[cif-elements] call logs cannot be saved in storage; they are kept only while this tab is open', error ?? '');
      }
      this.emit('durability', detail);
    }
  }

  private scheduleRecovery(): void {
    if (this.recoverTimer !== undefined || this.disposed || !this.storage) return;
    this.recoverTimer = setTimeout(() => {
      this.recoverTimer = undefined;
      this.recover();
    }, this.recoverMs);
  }

  /** Moves what only memory holds into storage again. */
  private recover(): void {
    const storage = this.storage;
    if (!storage || this.disposed) return;
    try {
      storage.getItem(this.key);
      // A real write, so a full storage is not taken for a working one.
      const probe = `${this.key}:probe:${this.ownerKeySuffix}`;
      storage.setItem(probe, '1');
      storage.removeItem(probe);
      for (const k of [...this.tombstones]) {
        storage.removeItem(k);
        this.tombstones.delete(k);
      }
    } catch (e) {
      this.problem = problemOf(e);
      this.scheduleRecovery();
      return;
    }
    // Storage takes writes: each memory copy goes back under its log's lock (another tab may be sending or
    // changing that log right now), and only if it is not stale (see `recoverEntry`).
    const was = this.durable;
    this.problem = undefined;
    for (const k of this.memory.keys()) {
      if (this.recovering.has(k)) continue;
      this.recovering.add(k);
      const done = () => void this.recovering.delete(k);
      this.withLock(k.slice(this.logPrefix.length), false, async () => this.recoverEntry(k)).then(done, done);
    }
    if (this.memory.size === 0) this.setProblem(undefined, undefined, was);
    this.notify();
  }

  /**
   * Moves one memory copy back to storage, inside the log's lock. A copy whose stored log went meanwhile is
   * dropped (another tab wrote it). A copy of this store's bookkeeping of a send (attempts, error) is dropped
   * when another writer changed the stored log since: what it holds is older than what is stored — put back,
   * it would undo that change (e.g. a draft's owner finishing the wrap-up: its final log, with the whole
   * notes, overwritten by a copy of the draft). Content written here wins (it is the newest there is).
   */
  private async recoverEntry(k: string): Promise<void> {
    const m = this.memory.get(k);
    const storage = this.storage;
    if (!m || !storage || this.disposed) return;
    try {
      const current = storage.getItem(k);
      // Missing now, and there before (known, or seen by this store when the copy's base was unknown): it went.
      const gone = current === null && (m.shadow || (m.base === undefined && this.seenStored.has(k)));
      const overtaken = !m.own && current !== m.base;
      if (!gone && !overtaken) storage.setItem(k, m.text);
      if (this.memory.get(k) === m) this.memory.delete(k);
    } catch (e) {
      this.setProblem(problemOf(e), e); // kept in memory: tried again
      return;
    }
    if (this.memory.size === 0 && this.problem === undefined) this.setProblem(undefined, undefined, false);
    this.notify();
  }

  /** Stores one log (`own`: its content is written here, not only a send's bookkeeping; see `memory`). */
  private writeEntry(id: string, log: PendingCallLog, own = true): void {
    const k = this.entryKey(id);
    const text = JSON.stringify(log);
    this.known.add(id);
    if (this.storage) {
      try {
        this.storage.setItem(k, text);
        this.seenStored.add(k);
        this.memory.delete(k);
        if (this.problem !== undefined || this.memory.size > 0) this.recover(); // storage takes writes again
        this.notify();
        return;
      } catch (e) {
        const was = this.durable;
        this.memory.set(k, this.memoryCopy(k, text, own));
        this.setProblem(problemOf(e), e, was);
        this.notify();
        return;
      }
    }
    const was = this.durable;
    this.memory.set(k, this.memoryCopy(k, text, own));
    this.setProblem(this.problem ?? 'unavailable', undefined, was);
    this.notify();
  }

  /** A memory copy of `text` at `k` (over the copy already there, if any: its base stays). */
  private memoryCopy(k: string, text: string, own: boolean): MemoryCopy {
    const before = this.memory.get(k);
    if (before) return { text, shadow: before.shadow, base: before.base, own: own || before.own };
    if (!this.storage) return { text, shadow: false, base: null, own };
    let base: string | null | undefined;
    try {
      base = this.storage.getItem(k);
    } catch {
      base = undefined; // storage cannot be read either: what it holds is unknown (see recoverEntry)
    }
    return { text, shadow: base !== null && base !== undefined, base, own };
  }

  private removeEntry(id: string): void {
    const k = this.entryKey(id);
    const hadMemory = this.memory.delete(k);
    this.known.delete(id);
    try {
      this.storage?.removeItem(k);
      this.tombstones.delete(k);
    } catch (e) {
      this.tombstones.add(k); // not sent again from here; removed when storage works again
      this.setProblem(problemOf(e), e);
    }
    if (hadMemory && this.memory.size === 0 && this.problem === undefined) this.setProblem(undefined, undefined, false);
    this.notify();
  }

  private moveToQuarantine(key: string, value: string, reason: string): void {
    const quarantineKey = `${this.key}:corrupt:${key.startsWith(this.logPrefix) ? key.slice(this.logPrefix.length) : 'queue'}:${Date.now()}`;
    const entry: QuarantinedLog = { key, quarantineKey, value, reason };
    try {
      this.storage?.setItem(quarantineKey, value);
      this.storage?.removeItem(key);
    } catch {
      /* storage refuses: it stays where it is, still reported (and skipped) */
    }
    this.memory.delete(key);
    if (!this.quarantine.some((q) => q.key === key && q.value === value)) {
      this.quarantine.push(entry);
      console.error(`[cif-elements] a corrupt call log in storage was moved to "${quarantineKey}" (${reason})`);
      this.emit('corrupt', entry);
    }
  }

  /** Moves a queue in the old single-key format into per-log keys. */
  private migrate(): void {
    if (this.migrated || !this.storage) return;
    this.migrated = true;
    let text: string | null;
    try {
      text = this.storage.getItem(this.key);
    } catch {
      return;
    }
    if (text === null) return;
    let v: unknown;
    try {
      v = JSON.parse(text);
    } catch {
      this.moveToQuarantine(this.key, text, 'not JSON');
      return;
    }
    if (!Array.isArray(v)) {
      this.moveToQuarantine(this.key, text, 'not a list');
      return;
    }
    const bad = v.filter((x) => !isLog(x));
    try {
      for (const log of v.filter(isLog)) {
        if (this.storage.getItem(this.entryKey(log.id)) === null) this.storage.setItem(this.entryKey(log.id), JSON.stringify(log));
      }
      if (bad.length) this.moveToQuarantine(this.key, JSON.stringify(bad), 'not a call log');
      else this.storage.removeItem(this.key);
    } catch (e) {
      this.setProblem(problemOf(e), e);
    }
  }

  /** One entry; a storage that throws counts as no entry, or (`strict`) rethrows. */
  private readEntry(k: string, strict = false): PendingCallLog | undefined {
    if (this.tombstones.has(k)) return undefined;
    let m = this.memory.get(k);
    let text = m?.text ?? null;
    if (this.storage && (!m || m.shadow || !m.own)) {
      try {
        const stored = this.storage.getItem(k);
        if (stored !== null) this.seenStored.add(k);
        if (m && !m.own && stored !== m.base) {
          // Another writer changed the log since this store's send kept its bookkeeping: the stored log is newer.
          this.memory.delete(k);
          if (this.memory.size === 0 && this.problem === undefined) this.setProblem(undefined, undefined, false);
          m = undefined;
        }
        if (!m) text = stored;
        else if (stored === null) {
          // Its storage copy went: another tab wrote the log.
          this.memory.delete(k);
          if (this.memory.size === 0 && this.problem === undefined) this.setProblem(undefined, undefined, false);
          return undefined;
        }
      } catch (e) {
        this.setProblem('unavailable', e);
        if (!m && strict) throw e; // with a copy of our own, that copy is what we know
      }
    }
    if (text === null) return undefined;
    let v: unknown;
    try {
      v = JSON.parse(text);
    } catch {
      this.moveToQuarantine(k, text, 'not JSON');
      return undefined;
    }
    if (!isLog(v) || this.entryKey(v.id) !== k) {
      this.moveToQuarantine(k, text, 'not a call log');
      return undefined;
    }
    return v;
  }

  private keys(): string[] {
    this.migrate();
    const out = new Set<string>();
    const s = this.storage;
    if (s && typeof s.key === 'function') {
      try {
        const n = s.length ?? 0;
        for (let i = 0; i < n; i++) {
          const k = s.key(i);
          if (k && k.startsWith(this.logPrefix)) out.add(k);
        }
      } catch (e) {
        this.setProblem('unavailable', e);
      }
    }
    for (const id of this.known) out.add(this.entryKey(id));
    for (const k of this.memory.keys()) out.add(k);
    return [...out];
  }

  private read(): PendingCallLog[] {
    const logs: PendingCallLog[] = [];
    for (const k of this.keys()) {
      const log = this.readEntry(k);
      if (log) logs.push(log);
    }
    return logs.sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : 1));
  }
}
