/** Call-duration helpers of `<cif-dialer>`: the shared format of every cif-element, from core. */
export { formatDuration, isoDuration } from '@cif-elements/core';
