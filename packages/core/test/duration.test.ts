import { expect } from '@open-wc/testing';
import { formatDuration, isoDuration } from '../src/index.js';

describe('one duration format', () => {
  it('formats mm:ss, h:mm:ss from an hour on, and ISO 8601 for <time>', () => {
    expect(formatDuration(303)).to.equal('05:03');
    expect(formatDuration(0)).to.equal('00:00');
    expect(formatDuration(-4)).to.equal('00:00');
    expect(formatDuration(Number.NaN)).to.equal('00:00');
    expect(formatDuration(3725)).to.equal('1:02:05');
    expect(isoDuration(303)).to.equal('PT5M3S');
  });
});
