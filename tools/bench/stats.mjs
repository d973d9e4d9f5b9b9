// Statistics for `npm run bench` (no Node imports: tools/test/bench-stats.test.ts runs it in the browsers).

/**
 * The 5th and 95th percentiles of median(a) / median(b) over 2,000 bootstrap resamples of both series (a fixed
 * seed: the same loads give the same interval). A ratio of two medians of 25 noisy loads moves from run to run;
 * this says by how much, from the loads of this run alone.
 */
export function ratioInterval(a, b, rounds = 2000) {
  let seed = 0x9e3779b9;
  const random = () => {
    // mulberry32
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const median = (xs) => {
    const s = [...xs].sort((x, y) => x - y);
    const m = s.length >> 1;
    return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
  };
  const resample = (xs) => xs.map(() => xs[Math.floor(random() * xs.length)]);
  const ratios = Array.from({ length: rounds }, () => median(resample(a)) / median(resample(b))).sort((x, y) => x - y);
  return [ratios[Math.floor(rounds * 0.05)], ratios[Math.ceil(rounds * 0.95) - 1]];
}
