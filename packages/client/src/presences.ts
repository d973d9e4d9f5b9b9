import type { CifPresenceInfo } from './types.js';

/**
 * Omnichannel's out-of-the-box presences, one per base status. CIF has no call that lists presences, so
 * this is the default list of `<cif-presence>` and the simulated host. Colours are Fluent 2 presence colours.
 */
export const DEFAULT_PRESENCES: readonly CifPresenceInfo[] = Object.freeze([
  { presenceId: 'available', presenceText: 'Available', presenceColor: '#6BB700', basePresenceStatus: 'AVAILABLE' },
  { presenceId: 'busy', presenceText: 'Busy', presenceColor: '#C50F1F', basePresenceStatus: 'BUSY' },
  {
    presenceId: 'busy-dnd',
    presenceText: 'Busy - Do not disturb',
    presenceColor: '#C50F1F',
    basePresenceStatus: 'BUSY_DO_NOT_DISTURB',
  },
  { presenceId: 'away', presenceText: 'Away', presenceColor: '#FFAA44', basePresenceStatus: 'AWAY' },
  { presenceId: 'offline', presenceText: 'Offline', presenceColor: '#8A8886', basePresenceStatus: 'OFFLINE' },
]);
