/**
 * The live surface of @cif-elements/client: the client, its types and errors, without the simulated host
 * (which `@cif-elements/client/simulated` and the package root add). `<cif-provider>` loads the simulated
 * host lazily, so a live widget never downloads it.
 */
export type * from './types.js';
export type { CifFrameworkApi, CifFrameworkHandler, CifFrameworkSessionInput } from './framework.js';
export { CIF_EVENT_NAMES, CIF_PRESENCE_EVENT_NAMES } from './framework.js';
export { CifError, toCifError, rejectionMessage } from './errors.js';
export type { CifErrorCode } from './errors.js';
export { CifFrameworkClient, SESSION_META_KEY, DEFAULT_CALL_TIMEOUT_MS, DEFAULT_AGENT_CALL_TIMEOUT_MS } from './client.js';
export type { CifFrameworkClientOptions } from './client.js';
export { connectCif, loadCifLibrary, detectCifVersion, crmUrlFromLocation, CIF_LIBRARY_PATH } from './connect.js';
export type { ConnectCifOptions } from './connect.js';
export { DEFAULT_PRESENCES } from './presences.js';
export { TypedEventTarget } from './typed-event-target.js';
export { isObject, isGuid, normalizeId, stripIdBraces, newGuid, GUID_PATTERN } from './util.js';
