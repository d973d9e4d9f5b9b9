import { expect } from '@open-wc/testing';
import { ratioInterval } from '../bench/stats.mjs';

describe('bench statistics: ratioInterval', () => {
  const loads = (base: number, spread: number[]): number[] => Array.from({ length: 25 }, (_, i) => base + spread[i % spread.length]);

  it('brackets the ratio of the medians, and is the same for the same loads', () => {
    const widget = loads(85, [0, 15, -4, 16, 2]);
    const bare = loads(62, [0, 3, -2, 5]);
    const [lo, hi] = ratioInterval(widget, bare);
    const median = (xs: number[]) => [...xs].sort((x, y) => x - y)[12];
    const ratio = median(widget) / median(bare);
    expect(lo).to.be.at.most(ratio);
    expect(hi).to.be.at.least(ratio);
    expect(hi).to.be.greaterThan(lo);
    expect(ratioInterval(widget, bare)).to.deep.equal([lo, hi]);
  });

  it('is a single point when no load differs from another', () => {
    expect(ratioInterval(loads(90, [0]), loads(60, [0]))).to.deep.equal([1.5, 1.5]);
  });

  it('is wider for loads that spread more', () => {
    const [lo1, hi1] = ratioInterval(loads(85, [0, 1, -1]), loads(60, [0, 1, -1]));
    const [lo2, hi2] = ratioInterval(loads(85, [0, 15, -15]), loads(60, [0, 1, -1]));
    expect(hi2 - lo2).to.be.greaterThan(hi1 - lo1);
  });
});
