/**
 * Small checks every package needs on values that come from Dynamics, storage or a page author: written
 * once here (the client's live surface, `@cif-elements/client/api`) and imported everywhere.
 */

/** A plain object: not `null`, not an array (what a JSON object parses to). */
export function isObject(value: unknown): value is Record<string, unknown> {
  return !!value && typeof value === 'object' && !Array.isArray(value);
}

/** A Dataverse record id: a GUID in any case, without braces. */
export const GUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** True when `value` is a GUID (any case, without braces: normalize `{…}` first with {@link normalizeId}). */
export function isGuid(value: unknown): value is string {
  return typeof value === 'string' && GUID_PATTERN.test(value);
}

/**
 * A record id as Dynamics writes it in URLs and some answers, `{7D3E…}` or ` 7D3E… `, without the braces and
 * the spaces; the case is kept. Not a string → `''`.
 */
export function stripIdBraces(id: unknown): string {
  return typeof id === 'string' ? id.replace(/[{}]/g, '').trim() : '';
}

/**
 * A record id in the one form to compare and store: braces and spaces removed, lower case (Dataverse accepts
 * `{GUID}` and any case). `{7D3E…}` → `7d3e…`. Not a string → `''`.
 */
export function normalizeId(id: unknown): string {
  return stripIdBraces(id).toLowerCase();
}

/** A random version-4 GUID, lower case (`crypto.getRandomValues`, which insecure contexts have too). */
export function newGuid(): string {
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
