/**
 * Screen pop: find the Dynamics records that own a phone number and open them. Pure logic over a
 * `CifClient` — no DOM, no Lit — so a provider can use it without any element.
 *
 * 1. {@link findRecordsByPhone} searches every phone column of contacts and accounts (searchOnly, nothing
 *    opens) with `contains(...)` on each notation a CRM may hold ({@link phoneVariants}: `425 555 0100`,
 *    `425-555-0100`, `425.555.0100`, `4255550100`, `(425) 555-0100`, and the same for national notations
 *    with a trunk prefix, which every E.164 and international notation contains), verifies each hit with
 *    libphonenumber-js ({@link samePhone}) and dedupes them: `{ kind: 'single' | 'multiple' | 'none' }`.
 * 2. {@link openMatch} opens one record (`searchAndOpenRecords(searchOnly = false)` with its id, which opens
 *    it in the focused session), {@link openSearchPage} opens Dynamics' search page for several, and
 *    {@link openCreateContact} opens a new contact form with the number filled in.
 */
import { CifError, isGuid, normalizeId, toCifError } from '@cif-elements/client/api';
import type { CifClient, CifRecord, EntityFormOptions } from '@cif-elements/client/api';
import { displayPhone, loadPhoneLib, parsePhone, phoneVariants, samePhone } from './phone.js';

/** A record type to search, with its name column and phone columns. */
export interface ScreenPopEntity {
  /** Logical name: `contact`, `account`, … */
  entityName: string;
  /** Primary id column; default `<entityName>id`. */
  idField?: string;
  /** Column shown as the record's name: `fullname`, `name`. */
  nameField: string;
  /** Phone columns to search. */
  phoneFields: readonly string[];
}

/** Phone columns of a Dynamics contact. */
export const CONTACT_PHONE_FIELDS: readonly string[] = ['telephone1', 'telephone2', 'telephone3', 'mobilephone', 'business2', 'home2'];
/** Phone columns of a Dynamics account. */
export const ACCOUNT_PHONE_FIELDS: readonly string[] = ['telephone1', 'telephone2', 'telephone3'];

/** What {@link findRecordsByPhone} searches by default: contacts, then accounts. */
export const DEFAULT_SCREEN_POP_ENTITIES: readonly ScreenPopEntity[] = [
  { entityName: 'contact', nameField: 'fullname', phoneFields: CONTACT_PHONE_FIELDS },
  { entityName: 'account', nameField: 'name', phoneFields: ACCOUNT_PHONE_FIELDS },
];

/** Most records one entity search returns (more are not a screen pop, they are a search). */
export const SCREEN_POP_MAX_RESULTS = 50;

/** A record whose phone column holds the caller's number. */
export interface RecordMatch {
  entityName: string;
  /** Record id (GUID, no braces). */
  id: string;
  /** The record's name (`fullname` / `name`); `''` when it has none. */
  name: string;
  /** The column that matched, e.g. `mobilephone`. */
  phoneField?: string;
  /** The value of that column as Dynamics stores it. */
  phoneValue?: string;
}

/** How many records own the number. */
export type ScreenPopKind = 'single' | 'multiple' | 'none';

/** Result of {@link findRecordsByPhone}. */
export interface ScreenPopResult {
  /** The number as given. */
  number: string;
  /** E.164 form, when the number could be parsed. */
  e164?: string;
  /** How the agent sees the number (national format at home, international otherwise). */
  display: string;
  kind: ScreenPopKind;
  /** Matching records, deduplicated: contacts first, then accounts, each by name. */
  matches: RecordMatch[];
  /** Failed searches (one per entity). `kind` then describes only what the other searches found. */
  errors: CifError[];
  /** False when the number gave nothing to search by (withheld, `anonymous`, a short code). */
  searched: boolean;
}

/** Options of {@link findRecordsByPhone} and {@link openCreateContact}. */
export interface ScreenPopOptions {
  /** ISO 3166-1 alpha-2 country for numbers without `+` (the caller's and the stored ones). */
  defaultCountry?: string;
  /** Record types to search; default {@link DEFAULT_SCREEN_POP_ENTITIES}. */
  entities?: readonly ScreenPopEntity[];
}

/** Doubles quotes for an OData string literal, then URL-encodes it (`+` must not become a space). */
export function odataString(value: string): string {
  return `'${encodeURIComponent(value.replace(/'/g, "''"))}'`;
}

const idFieldOf = (e: ScreenPopEntity) => e.idField ?? `${e.entityName}id`;

/**
 * The `searchAndOpenRecords` query that finds `variants` in any phone column of `entity`:
 * `?$select=fullname,telephone1,…&$filter=contains(telephone1,'425%20555%200100') or …&$top=50`.
 * Returns `undefined` when there is nothing to search for.
 */
export function phoneSearchQuery(entity: ScreenPopEntity, variants: readonly string[]): string | undefined {
  if (variants.length === 0 || entity.phoneFields.length === 0) return undefined;
  const clauses: string[] = [];
  for (const field of entity.phoneFields) {
    for (const v of variants) clauses.push(`contains(${field},${odataString(v)})`);
  }
  const select = [entity.nameField, ...entity.phoneFields].join(',');
  return `?$select=${select}&$filter=${clauses.join(' or ')}&$top=${SCREEN_POP_MAX_RESULTS}`;
}

/**
 * Searches contacts and accounts (or `options.entities`) for `number` in every phone column, without
 * opening anything, and verifies each hit. Never rejects: a failed search is reported in `errors` and the
 * others still count.
 */
export async function findRecordsByPhone(client: CifClient, number: string, options: ScreenPopOptions = {}): Promise<ScreenPopResult> {
  await loadPhoneLib().catch(() => undefined);
  const raw = typeof number === 'string' ? number : '';
  const parsed = parsePhone(raw, options.defaultCountry);
  const result: ScreenPopResult = {
    number: raw,
    display: displayPhone(raw, options.defaultCountry),
    kind: 'none',
    matches: [],
    errors: [],
    searched: false,
  };
  if (parsed) result.e164 = parsed.e164;
  const variants = phoneVariants(raw, options.defaultCountry);
  const entities = options.entities ?? DEFAULT_SCREEN_POP_ENTITIES;
  const searches = entities.map(async (entity) => {
    const query = phoneSearchQuery(entity, variants);
    if (!query) return [];
    result.searched = true;
    let rows: CifRecord[];
    try {
      rows = await client.searchAndOpenRecords(entity.entityName, query, true);
    } catch (e) {
      result.errors.push(toCifError(e, 'searchAndOpenRecords'));
      return [];
    }
    const found: RecordMatch[] = [];
    for (const row of rows) {
      const id = normalizeId(row[idFieldOf(entity)]);
      if (!id) continue;
      const field = entity.phoneFields.find((f) => samePhone(row[f], parsed ?? raw, options.defaultCountry));
      if (!field) continue;
      const name = row[entity.nameField];
      found.push({
        entityName: entity.entityName,
        id,
        name: typeof name === 'string' ? name : '',
        phoneField: field,
        phoneValue: String(row[field]),
      });
    }
    return found.sort((a, b) => a.name.localeCompare(b.name));
  });
  const seen = new Set<string>();
  for (const list of await Promise.all(searches)) {
    for (const m of list) {
      const key = `${m.entityName}:${m.id}`;
      if (seen.has(key)) continue;
      seen.add(key);
      result.matches.push(m);
    }
  }
  result.kind = result.matches.length === 0 ? 'none' : result.matches.length === 1 ? 'single' : 'multiple';
  return result;
}

/**
 * Opens one record in Dynamics: `searchAndOpenRecords(entity, '?$filter=<id> eq <guid>', false)`, which
 * opens the single hit (in a new tab of the focused session in multisession apps). Rejects with a
 * `CifError`, or `not-found` when the record no longer exists.
 */
export async function openMatch(client: CifClient, match: RecordMatch, entities: readonly ScreenPopEntity[] = DEFAULT_SCREEN_POP_ENTITIES): Promise<void> {
  const entity = entities.find((e) => e.entityName === match.entityName);
  const idField = entity ? idFieldOf(entity) : `${match.entityName}id`;
  const nameField = entity?.nameField ?? 'name';
  const id = normalizeId(match.id);
  if (!isGuid(id)) {
    throw new CifError('invalid-argument', 'searchAndOpenRecords', `openMatch: "${match.id}" is not a record id`);
  }
  const rows = await client.searchAndOpenRecords(match.entityName, `?$select=${nameField}&$filter=${idField} eq ${id}`, false);
  if (rows.length === 0) {
    throw new CifError('not-found', 'searchAndOpenRecords', `The ${match.entityName} ${id} no longer exists`);
  }
}

/**
 * Opens Dynamics' search page for several matches, searching the number as the first match stores it (so
 * Dynamics' own search finds the same records), in the record type most matches have.
 */
export async function openSearchPage(client: CifClient, result: Pick<ScreenPopResult, 'matches' | 'display' | 'number'>): Promise<void> {
  const counts = new Map<string, number>();
  for (const m of result.matches) counts.set(m.entityName, (counts.get(m.entityName) ?? 0) + 1);
  const entity = [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? 'contact';
  const text = result.matches.find((m) => m.entityName === entity)?.phoneValue ?? result.display ?? result.number;
  await client.renderSearchPage(entity, text);
}

/** Options of {@link openCreateContact}. */
export interface CreateContactOptions {
  defaultCountry?: string;
  /** Column the number goes to. Default `telephone1`. */
  phoneField?: string;
  /** Extra form options (e.g. `{ useQuickCreateForm: true }`). */
  form?: Partial<EntityFormOptions>;
  /** Extra values for the new form. */
  values?: Record<string, unknown>;
}

/**
 * Opens a new contact form with the number filled in (international format, or the text as given). Resolves
 * the saved contact as a {@link RecordMatch}, or `undefined` when the agent closed the form without saving.
 */
export async function openCreateContact(client: CifClient, number: string, options: CreateContactOptions = {}): Promise<RecordMatch | undefined> {
  await loadPhoneLib().catch(() => undefined);
  const parsed = parsePhone(number, options.defaultCountry);
  const value = parsed?.international ?? (typeof number === 'string' ? number.trim() : '');
  const field = options.phoneField ?? 'telephone1';
  const params: Record<string, unknown> = { ...(options.values ?? {}) };
  if (value) params[field] = value;
  const saved = await client.openForm({ ...(options.form ?? {}), entityName: 'contact' }, params);
  const ref = saved.savedEntityReference.find((r) => r && typeof r.id === 'string');
  if (!ref) return undefined;
  const match: RecordMatch = { entityName: ref.entityType || 'contact', id: normalizeId(ref.id), name: ref.name ?? '' };
  if (value) {
    match.phoneField = field;
    match.phoneValue = value;
  }
  return match;
}
