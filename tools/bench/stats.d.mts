/** The 90% bootstrap interval `[low, high]` of median(a) / median(b) (see stats.mjs). */
export function ratioInterval(a: readonly number[], b: readonly number[], rounds?: number): [number, number];
