/**
 * The simulated host's record store: Dataverse tables in memory (contact, account, incident, phonecall and
 * any entity created), with the ids, computed columns, OData queries and Xrm errors of the real host.
 */
import type { CifRecord } from '../types.js';
import { newGuid, normalizeId } from '../util.js';
import { ODataQueryError, applyODataQuery, parseODataQuery, primaryIdKey, primaryNameKey, selectColumns } from './odata.js';
import type { ODataQuery } from './odata.js';
import type { SeedData } from './seed.js';
import type { CifApiName } from './wire.js';
import { xrmError } from './wire.js';

/** The tables every simulated org has, even when empty. */
const BUILT_IN_ENTITIES = ['contact', 'account', 'incident', 'phonecall'];

/** Records by entity (logical name, lower case) and id (normalized). Errors are the host's Xrm rejections. */
export class RecordStore {
  private readonly tables = new Map<string, Map<string, CifRecord>>();

  /** @param owned the seed's rows are the store's own (made for it): stored without a deep copy. */
  constructor(seed?: SeedData, owned = false) {
    for (const entity of BUILT_IN_ENTITIES) this.table(entity);
    if (seed) {
      for (const [entity, rows] of Object.entries(seed)) for (const row of rows) this.put(entity, owned ? row : structuredClone(row));
    }
  }

  /** The table of an entity, created when missing. */
  table(entity: string): Map<string, CifRecord> {
    let t = this.tables.get(entity);
    if (!t) {
      t = new Map();
      this.tables.set(entity, t);
    }
    return t;
  }

  /** The table of an entity, if it exists (a query on another one is an Xrm error). */
  existingTable(entity: string): Map<string, CifRecord> | undefined {
    return this.tables.get(entity.toLowerCase());
  }

  /** Copies of the records of one entity, in insertion order. */
  copies(entity: string): CifRecord[] {
    return [...(this.tables.get(entity.toLowerCase())?.values() ?? [])].map((r) => structuredClone(r));
  }

  /** The stored record (not a copy), or `undefined`. Accepts ids with braces and in any case. */
  get(entity: string, id: string): CifRecord | undefined {
    return this.tables.get(entity.toLowerCase())?.get(normalizeId(id));
  }

  /** The id a new record gets: its own primary id column (normalised) or a new GUID. */
  static idFor(entity: string, data: CifRecord): string {
    const given = data[primaryIdKey(entity)];
    return typeof given === 'string' && given ? normalizeId(given) : newGuid();
  }

  /** Stores a record (replacing one with the same id), filling its id and computed columns. Returns the id. */
  put(entity: string, data: CifRecord, id = RecordStore.idFor(entity.toLowerCase(), data)): string {
    const name = entity.toLowerCase();
    const record: CifRecord = { ...data, [primaryIdKey(name)]: id };
    completeRecord(name, record);
    this.table(name).set(id, record);
    return id;
  }

  /** The stored record, or the Xrm "does not exist" rejection of `method`. */
  existing(method: CifApiName, entity: string, id: string): CifRecord {
    const r = this.get(entity, id);
    if (!r) throw xrmError(method, `Entity '${entity}' With Id = ${normalizeId(id)} does not exist`);
    return r;
  }

  /** Adds a new record; a record with the same id is the Xrm duplicate-key rejection of `method`. */
  insert(method: CifApiName, entity: string, data: Record<string, unknown>): { id: string; entityType: string } {
    const name = entity.toLowerCase();
    const id = RecordStore.idFor(name, data);
    if (this.table(name).has(id)) throw xrmError(method, `A record with id ${id} already exists (Cannot insert duplicate key)`);
    this.put(name, data, id);
    return { id, entityType: name };
  }

  /** Merges `changes` into a record (its id column ignored), recomputing computed columns. */
  update(entity: string, id: string, changes: Record<string, unknown>): { id: unknown; entityType: string } {
    const record = this.existing('updateRecord', entity, id);
    const name = entity.toLowerCase();
    const idKey = primaryIdKey(name);
    const { [idKey]: _ignored, ...rest } = changes;
    const recomputeName = name === 'contact' && !('fullname' in rest) && ('firstname' in rest || 'lastname' in rest);
    Object.assign(record, rest);
    if (recomputeName) delete record.fullname;
    completeRecord(name, record);
    return { id: record[idKey], entityType: name };
  }

  /** Deletes a record. */
  delete(entity: string, id: string): { id: string; entityType: string } {
    this.existing('deleteRecord', entity, id);
    const name = entity.toLowerCase();
    this.tables.get(name)!.delete(normalizeId(id));
    return { id: normalizeId(id), entityType: name };
  }
}

/** Parses an OData query string; a bad one is the Xrm "Invalid query" rejection of `method`. */
export function parseQuery(method: CifApiName, query: string | undefined): ODataQuery {
  try {
    return parseODataQuery(query ?? '');
  } catch (e) {
    if (e instanceof ODataQueryError) throw xrmError(method, `Invalid query: ${e.message}`);
    throw e;
  }
}

/** The rows of a table a query selects (filter, order, top, columns). */
export function queryRows(table: Map<string, CifRecord>, q: ODataQuery, entity: string): CifRecord[] {
  return applyODataQuery([...table.values()], q, primaryIdKey(entity));
}

/** A record's columns a `$select` keeps (the primary id always). */
export function selectedColumns(record: CifRecord, q: ODataQuery, entity: string): CifRecord {
  return selectColumns(record, q.select, primaryIdKey(entity.toLowerCase()));
}

/** Fills columns Dataverse computes: a contact's `fullname`. */
export function completeRecord(entity: string, record: CifRecord): void {
  if (entity === 'contact' && (record.fullname === undefined || record.fullname === null)) {
    const full = [record.firstname, record.lastname].filter((x) => typeof x === 'string' && x).join(' ');
    if (full) record.fullname = full;
  }
}

/** A saved-entity reference as `openForm` answers it (with the record's primary name when it has one). */
export function reference(entity: string, id: string, record: CifRecord): { entityType: string; id: string; name?: string } {
  const name = record[primaryNameKey(entity)];
  return typeof name === 'string' ? { entityType: entity, id, name } : { entityType: entity, id };
}

/** What the search page shows for a query: the `$search` text, else the first string literal of `$filter`. */
export function searchTextOf(q: ODataQuery): string {
  if (q.search) return q.search.join(' ');
  const walk = (f: ODataQuery['filter']): string | undefined => {
    if (!f) return undefined;
    switch (f.kind) {
      case 'and':
      case 'or':
        return walk(f.left) ?? walk(f.right);
      case 'not':
        return walk(f.operand);
      case 'call': {
        const arg = f.args[1];
        return arg.kind === 'literal' && typeof arg.value === 'string' ? arg.value : undefined;
      }
      case 'compare': {
        const lit = [f.left, f.right].find((o) => o.kind === 'literal' && typeof o.value === 'string');
        return lit && lit.kind === 'literal' ? String(lit.value) : undefined;
      }
    }
  };
  return walk(q.filter) ?? '';
}
