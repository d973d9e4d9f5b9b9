/**
 * The simulated Dynamics 365 host: a fake `Microsoft.CIFramework` with demo data, sessions, presence and
 * switches for tests and demos. See {@link SimulatedCifHost}.
 */
import { CifFrameworkClient } from '../client.js';
import type { CifClient } from '../types.js';
import type { SimulatedCifHost } from './host.js';

// The host (host.ts) over its wire protocol (wire.ts), record store (records.ts) and sessions (sessions.ts).
export { SimulatedCifHost, MAX_NOTIFICATIONS, SIMULATED_CLIENT_URL } from './host.js';
export type { SimulatedCifHostOptions, SimulatedCifHostEventMap, SimulatedOpenedPage, SimulatedNotification } from './host.js';
export { CIF_TIMEOUT_MESSAGE, CIF_UNSUPPORTED_MESSAGE, CIF_FOREIGN_SESSION_MESSAGE, CIF_HOME_SESSION_MODE_MESSAGE } from './wire.js';
export type { CifApiName, SimulatedFailure, SimulatedFailureOptions, SimulatedHandlerError } from './wire.js';
export { HOME_SESSION_ID, MAX_SESSIONS } from './sessions.js';
export type { SimulatedSession, SimulatedTab } from './sessions.js';
export {
  ODataQueryError,
  parseODataQuery,
  parseFilter,
  evaluateFilter,
  matchesSearch,
  applyODataQuery,
  selectColumns,
  primaryIdKey,
  primaryNameKey,
  isGuid,
  MAX_TOP,
} from './odata.js';
export type { ODataQuery, ODataFilter, ODataOperand, ODataLiteral, ODataComparison, ODataFunction, ODataOrderBy } from './odata.js';
export { createSeedData, seedGuid, FORMATTED_VALUE } from './seed.js';
export type { SeedData } from './seed.js';

/** A typed {@link CifClient} over a simulated host (`kind: 'simulated'`, the host's CIF version). */
export function createSimulatedClient(host: SimulatedCifHost): CifClient {
  return new CifFrameworkClient(host.framework, { version: host.version, kind: 'simulated' });
}
