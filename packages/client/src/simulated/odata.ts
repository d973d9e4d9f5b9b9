/**
 * The small subset of OData v4 query options that the simulated Dynamics host understands, as
 * `searchAndOpenRecords` and `retrieveRecord` receive them:
 *
 * ```text
 * ?$select=fullname,telephone1&$filter=contains(telephone1,'555') and (firstname eq 'Ada' or startswith(lastname,'Lo'))&$top=5
 * ```
 *
 * Supported: `$select`, `$filter` (`eq ne gt ge lt le`, `contains`/`startswith`/`endswith`, `and`, `or`, `not`,
 * parentheses, string literals with `''` escaping, numbers, `true`/`false`/`null`, unquoted GUIDs), `$top`,
 * `$orderby` (`field [asc|desc]`, comma-separated), `$search` (free text across string columns). `$expand` and
 * `$count` are accepted and ignored. String comparisons are case-insensitive, like Dataverse's default
 * collation. Anything else throws an {@link ODataQueryError} naming the problem, so mistakes surface in the
 * simulator before they reach a real org.
 *
 * A literal `+` in the query is kept as `+` (not decoded to a space), so unencoded phone numbers work.
 */

import type { CifRecord } from '../types.js';

/** A malformed or unsupported query. `position` is the character offset inside the option's value. */
export class ODataQueryError extends Error {
  override readonly name = 'ODataQueryError';
  /** The query option that failed (`$filter`, `$top`, …), or `''` for the query string as a whole. */
  readonly option: string;
  /** Offset of the problem inside the option's value, when known. */
  readonly position: number | undefined;

  constructor(message: string, option = '', position?: number) {
    super(message);
    this.option = option;
    this.position = position;
  }
}

/** A literal value in a filter. */
export type ODataLiteral = string | number | boolean | null;

/** An operand of a comparison or function call: a column or a literal. */
export type ODataOperand = { kind: 'field'; name: string } | { kind: 'literal'; value: ODataLiteral };

/** Comparison operators of `$filter`. */
export type ODataComparison = 'eq' | 'ne' | 'gt' | 'ge' | 'lt' | 'le';

/** String functions of `$filter`. */
export type ODataFunction = 'contains' | 'startswith' | 'endswith';

/** Parsed `$filter` expression. */
export type ODataFilter =
  | { kind: 'and' | 'or'; left: ODataFilter; right: ODataFilter }
  | { kind: 'not'; operand: ODataFilter }
  | { kind: 'compare'; op: ODataComparison; left: ODataOperand; right: ODataOperand }
  | { kind: 'call'; fn: ODataFunction; args: [ODataOperand, ODataOperand] };

/** One `$orderby` key. */
export interface ODataOrderBy {
  field: string;
  descending: boolean;
}

/** A parsed query string. Absent options are `undefined`. */
export interface ODataQuery {
  select?: string[];
  filter?: ODataFilter;
  top?: number;
  orderby?: ODataOrderBy[];
  /** Free-text terms of `$search` (quotes removed). */
  search?: string[];
}

/** Largest `$top` Dataverse accepts (and the most records `searchAndOpenRecords` returns). */
export const MAX_TOP = 5000;

const COMPARISONS: readonly string[] = ['eq', 'ne', 'gt', 'ge', 'lt', 'le'];
const FUNCTIONS: readonly string[] = ['contains', 'startswith', 'endswith'];
const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*(?:@[A-Za-z0-9_.]+)?$/;

// ------------------------------------------------------------------------------------------------ tokens

type Token =
  | { type: 'ident'; text: string; pos: number }
  | { type: 'string'; value: string; pos: number }
  | { type: 'number'; value: number; pos: number }
  | { type: 'guid'; value: string; pos: number }
  | { type: '(' | ')' | ','; pos: number }
  | { type: 'end'; pos: number };

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    if (c === '(' || c === ')' || c === ',') {
      tokens.push({ type: c, pos: i });
      i++;
      continue;
    }
    if (c === "'") {
      const start = i;
      let value = '';
      i++;
      for (;;) {
        if (i >= text.length) throw new ODataQueryError(`$filter: unterminated string literal at ${start}`, '$filter', start);
        if (text[i] === "'") {
          if (text[i + 1] === "'") {
            value += "'";
            i += 2;
            continue;
          }
          i++;
          break;
        }
        value += text[i];
        i++;
      }
      tokens.push({ type: 'string', value, pos: start });
      continue;
    }
    const guid = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}/.exec(text.slice(i));
    if (guid && !/[A-Za-z0-9_]/.test(text[i + guid[0].length] ?? '')) {
      tokens.push({ type: 'guid', value: guid[0].toLowerCase(), pos: i });
      i += guid[0].length;
      continue;
    }
    const num = /^-?\d+(?:\.\d+)?/.exec(text.slice(i));
    if (num) {
      tokens.push({ type: 'number', value: Number(num[0]), pos: i });
      i += num[0].length;
      continue;
    }
    const ident = /^[A-Za-z_][A-Za-z0-9_./@]*/.exec(text.slice(i));
    if (ident) {
      tokens.push({ type: 'ident', text: ident[0], pos: i });
      i += ident[0].length;
      continue;
    }
    throw new ODataQueryError(`$filter: unexpected character '${c}' at ${i}`, '$filter', i);
  }
  tokens.push({ type: 'end', pos: text.length });
  return tokens;
}

// ------------------------------------------------------------------------------------------------ parser

class FilterParser {
  private readonly tokens: Token[];
  private index = 0;

  constructor(private readonly text: string) {
    this.tokens = tokenize(text);
  }

  parse(): ODataFilter {
    if (this.peek().type === 'end') throw this.error('$filter is empty', 0);
    const expr = this.parseOr();
    const rest = this.peek();
    if (rest.type !== 'end') throw this.error(`unexpected ${describe(rest)}`, rest.pos);
    return expr;
  }

  private peek(): Token {
    return this.tokens[this.index]!;
  }

  private next(): Token {
    return this.tokens[this.index++]!;
  }

  private isKeyword(word: string): boolean {
    const t = this.peek();
    return t.type === 'ident' && t.text === word;
  }

  private error(message: string, pos: number): ODataQueryError {
    return new ODataQueryError(`$filter: ${message} (at ${pos} in "${this.text}")`, '$filter', pos);
  }

  private expect(type: '(' | ')' | ','): void {
    const t = this.next();
    if (t.type !== type) throw this.error(`expected '${type}' but found ${describe(t)}`, t.pos);
  }

  private parseOr(): ODataFilter {
    let left = this.parseAnd();
    while (this.isKeyword('or')) {
      this.next();
      left = { kind: 'or', left, right: this.parseAnd() };
    }
    return left;
  }

  private parseAnd(): ODataFilter {
    let left = this.parseUnary();
    while (this.isKeyword('and')) {
      this.next();
      left = { kind: 'and', left, right: this.parseUnary() };
    }
    return left;
  }

  private parseUnary(): ODataFilter {
    if (this.isKeyword('not')) {
      this.next();
      return { kind: 'not', operand: this.parseUnary() };
    }
    return this.parsePrimary();
  }

  private parsePrimary(): ODataFilter {
    const t = this.peek();
    if (t.type === '(') {
      this.next();
      const inner = this.parseOr();
      this.expect(')');
      return inner;
    }
    if (t.type === 'ident' && this.tokens[this.index + 1]?.type === '(') {
      return this.withBooleanComparison(this.parseCall());
    }
    const left = this.parseOperand();
    const op = this.next();
    if (op.type !== 'ident' || !COMPARISONS.includes(op.text)) {
      throw this.error(`expected a comparison operator (eq, ne, gt, ge, lt, le) but found ${describe(op)}`, op.pos);
    }
    const right = this.parseOperand();
    return { kind: 'compare', op: op.text as ODataComparison, left, right };
  }

  /** `contains(a,'b') eq true` is the same as `contains(a,'b')`; `… eq false` negates it. */
  private withBooleanComparison(call: ODataFilter): ODataFilter {
    const op = this.peek();
    if (op.type !== 'ident' || (op.text !== 'eq' && op.text !== 'ne')) return call;
    this.next();
    const lit = this.next();
    if (lit.type !== 'ident' || (lit.text !== 'true' && lit.text !== 'false')) {
      throw this.error(`a function result can only be compared with true or false, found ${describe(lit)}`, lit.pos);
    }
    const wantTrue = (lit.text === 'true') === (op.text === 'eq');
    return wantTrue ? call : { kind: 'not', operand: call };
  }

  private parseCall(): ODataFilter {
    const name = this.next() as Extract<Token, { type: 'ident' }>;
    if (!FUNCTIONS.includes(name.text)) {
      throw this.error(`unsupported function '${name.text}' (use contains, startswith or endswith)`, name.pos);
    }
    this.expect('(');
    const first = this.parseOperand();
    this.expect(',');
    const second = this.parseOperand();
    this.expect(')');
    if (first.kind !== 'field') throw this.error(`${name.text}: the first argument must be a column name`, name.pos);
    if (second.kind !== 'literal' || typeof second.value !== 'string') {
      throw this.error(`${name.text}: the second argument must be a string literal`, name.pos);
    }
    return { kind: 'call', fn: name.text as ODataFunction, args: [first, second] };
  }

  private parseOperand(): ODataOperand {
    const t = this.next();
    switch (t.type) {
      case 'string':
        return { kind: 'literal', value: t.value };
      case 'number':
        return { kind: 'literal', value: t.value };
      case 'guid':
        return { kind: 'literal', value: t.value };
      case 'ident':
        if (t.text === 'true' || t.text === 'false') return { kind: 'literal', value: t.text === 'true' };
        if (t.text === 'null') return { kind: 'literal', value: null };
        if (['and', 'or', 'not', ...COMPARISONS].includes(t.text)) {
          throw this.error(`expected a column or a value but found keyword '${t.text}'`, t.pos);
        }
        if (!IDENTIFIER.test(t.text)) throw this.error(`'${t.text}' is not a valid column name`, t.pos);
        return { kind: 'field', name: t.text };
      default:
        throw this.error(`expected a column or a value but found ${describe(t)}`, t.pos);
    }
  }
}

function describe(t: Token): string {
  switch (t.type) {
    case 'end':
      return 'the end of the filter';
    case 'ident':
      return `'${t.text}'`;
    case 'string':
      return `string '${t.value}'`;
    case 'number':
      return `number ${t.value}`;
    case 'guid':
      return `guid ${t.value}`;
    default:
      return `'${t.type}'`;
  }
}

/** Parses the text of a `$filter` option (already URL-decoded). Throws {@link ODataQueryError}. */
export function parseFilter(text: string): ODataFilter {
  return new FilterParser(text).parse();
}

function decode(option: string, value: string): string {
  try {
    // Keep '+' literal: phone numbers are often passed unencoded ("+1 425 …").
    return decodeURIComponent(value);
  } catch {
    throw new ODataQueryError(`${option || 'query'}: malformed URL encoding in "${value}"`, option);
  }
}

function parseList(option: string, value: string): string[] {
  const items = value.split(',').map((s) => s.trim());
  if (items.some((s) => s === '')) throw new ODataQueryError(`${option}: empty column name in "${value}"`, option);
  return items;
}

/**
 * Parses a query string such as `?$select=a,b&$filter=…&$top=5` (leading `?` optional, values URL-decoded).
 * An empty string yields `{}`. Throws {@link ODataQueryError} for unknown options, duplicates and bad values.
 */
export function parseODataQuery(query: string): ODataQuery {
  if (typeof query !== 'string') throw new ODataQueryError('query must be a string');
  let text = query.trim();
  if (text.startsWith('?')) text = text.slice(1);
  const result: ODataQuery = {};
  if (!text) return result;
  const seen = new Set<string>();
  // Split on '&' that starts another option, so an unencoded '&' inside a literal survives.
  for (const part of text.split(/&(?=\$?[A-Za-z_]+=)/)) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    if (eq <= 0) throw new ODataQueryError(`query: "${part}" is not an option=value pair`);
    const option = decode('', part.slice(0, eq)).trim();
    const value = decode(option, part.slice(eq + 1)).trim();
    const key = option.toLowerCase();
    if (seen.has(key)) throw new ODataQueryError(`${option}: given more than once`, option);
    seen.add(key);
    switch (key) {
      case '$select': {
        const cols = parseList(option, value);
        const bad = cols.find((c) => !IDENTIFIER.test(c));
        if (bad) throw new ODataQueryError(`$select: '${bad}' is not a valid column name`, option);
        result.select = cols;
        break;
      }
      case '$filter':
        result.filter = parseFilter(value);
        break;
      case '$top': {
        if (!/^\d+$/.test(value)) throw new ODataQueryError(`$top: "${value}" is not a non-negative integer`, option);
        const top = Number(value);
        if (top > MAX_TOP) throw new ODataQueryError(`$top: ${top} is more than the maximum of ${MAX_TOP}`, option);
        result.top = top;
        break;
      }
      case '$orderby':
        result.orderby = parseList(option, value).map((item) => {
          const m = /^([A-Za-z_][A-Za-z0-9_]*)(?:\s+(asc|desc))?$/i.exec(item);
          if (!m) throw new ODataQueryError(`$orderby: "${item}" is not "column [asc|desc]"`, option);
          return { field: m[1]!, descending: (m[2] ?? 'asc').toLowerCase() === 'desc' };
        });
        break;
      case '$search': {
        const terms = (value.match(/"[^"]*"|\S+/g) ?? []).map((t) => t.replace(/^"|"$/g, '').trim()).filter(Boolean);
        if (terms.length === 0) throw new ODataQueryError('$search: no search text', option);
        result.search = terms;
        break;
      }
      case '$expand':
      case '$count':
        break; // accepted, not simulated
      default:
        throw new ODataQueryError(`query option "${option}" is not supported (use $select, $filter, $top, $orderby, $search)`, option);
    }
  }
  return result;
}

// ------------------------------------------------------------------------------------------------ evaluation

function operandValue(o: ODataOperand, record: CifRecord): unknown {
  return o.kind === 'literal' ? o.value : record[o.name];
}

const fold = (s: string) => s.toLocaleLowerCase();

/** Compares like Dataverse: strings case-insensitively, `null` equal only to `null`/missing. */
function compareValues(a: unknown, b: unknown): number | undefined {
  const aNull = a === null || a === undefined;
  const bNull = b === null || b === undefined;
  if (aNull || bNull) return aNull && bNull ? 0 : undefined;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'boolean' && typeof b === 'boolean') return Number(a) - Number(b);
  if (typeof a === 'boolean' || typeof b === 'boolean') return undefined;
  const sa = fold(String(a));
  const sb = fold(String(b));
  return sa < sb ? -1 : sa > sb ? 1 : 0;
}

/** Evaluates a parsed `$filter` against one record. */
export function evaluateFilter(filter: ODataFilter, record: CifRecord): boolean {
  switch (filter.kind) {
    case 'and':
      return evaluateFilter(filter.left, record) && evaluateFilter(filter.right, record);
    case 'or':
      return evaluateFilter(filter.left, record) || evaluateFilter(filter.right, record);
    case 'not':
      return !evaluateFilter(filter.operand, record);
    case 'call': {
      const value = operandValue(filter.args[0], record);
      if (value === null || value === undefined) return false;
      const hay = fold(String(value));
      const needle = fold(String(operandValue(filter.args[1], record)));
      if (filter.fn === 'contains') return hay.includes(needle);
      if (filter.fn === 'startswith') return hay.startsWith(needle);
      return hay.endsWith(needle);
    }
    case 'compare': {
      const c = compareValues(operandValue(filter.left, record), operandValue(filter.right, record));
      switch (filter.op) {
        case 'eq':
          return c === 0;
        case 'ne':
          return c !== 0;
        case 'gt':
          return c !== undefined && c > 0;
        case 'ge':
          return c !== undefined && c >= 0;
        case 'lt':
          return c !== undefined && c < 0;
        case 'le':
          return c !== undefined && c <= 0;
      }
    }
  }
}

/** True when every `$search` term appears (case-insensitively) in some string column of the record. */
export function matchesSearch(terms: readonly string[], record: CifRecord): boolean {
  const texts = Object.entries(record)
    .filter(([k, v]) => typeof v === 'string' && !k.includes('@'))
    .map(([, v]) => fold(v as string));
  return terms.every((term) => texts.some((t) => t.includes(fold(term))));
}

/**
 * Projects a record onto `$select`: the selected columns (missing ones as `null`, like the Web API), their
 * `column@…` annotations, and always the primary id column.
 */
export function selectColumns(record: CifRecord, select: readonly string[] | undefined, idKey: string): CifRecord {
  if (!select) return { ...record };
  const out: CifRecord = {};
  if (idKey in record) out[idKey] = record[idKey];
  for (const col of select) {
    out[col] = record[col] ?? null;
    for (const key of Object.keys(record)) if (key.startsWith(`${col}@`)) out[key] = record[key];
  }
  return out;
}

/**
 * Runs a query over records: `$filter`, `$search`, `$orderby`, `$top` (capped at {@link MAX_TOP}), `$select`.
 * Returns new objects; the input is not modified. `query` may be a string (parsed here, may throw) or parsed.
 */
export function applyODataQuery(records: readonly CifRecord[], query: string | ODataQuery, idKey: string): CifRecord[] {
  const q = typeof query === 'string' ? parseODataQuery(query) : query;
  let rows = records.filter((r) => (!q.filter || evaluateFilter(q.filter, r)) && (!q.search || matchesSearch(q.search, r)));
  if (q.orderby?.length) {
    const keys = q.orderby;
    rows = [...rows].sort((a, b) => {
      for (const { field, descending } of keys) {
        const av = a[field];
        const bv = b[field];
        // nulls sort first ascending, as in SQL Server
        const an = av === null || av === undefined;
        const bn = bv === null || bv === undefined;
        let c = an && bn ? 0 : an ? -1 : bn ? 1 : (compareValues(av, bv) ?? 0);
        if (descending) c = -c;
        if (c !== 0) return c;
      }
      return 0;
    });
  }
  rows = rows.slice(0, Math.min(q.top ?? MAX_TOP, MAX_TOP));
  return rows.map((r) => selectColumns(r, q.select, idKey));
}

/** Primary id column of an entity: `activityid` for activities, `<entity>id` otherwise. */
export function primaryIdKey(entity: string): string {
  return ACTIVITY_ENTITIES.has(entity) ? 'activityid' : `${entity}id`;
}

/** Primary name column of an entity (used for `savedEntityReference[].name`). */
export function primaryNameKey(entity: string): string {
  return PRIMARY_NAMES[entity] ?? 'name';
}

export { isGuid } from '../util.js';

const ACTIVITY_ENTITIES = new Set(['phonecall', 'email', 'task', 'appointment', 'letter', 'fax', 'activitypointer']);

const PRIMARY_NAMES: Record<string, string> = {
  contact: 'fullname',
  account: 'name',
  incident: 'title',
  phonecall: 'subject',
  email: 'subject',
  task: 'subject',
  appointment: 'subject',
};
