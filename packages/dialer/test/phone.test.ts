import { expect } from '@open-wc/testing';
import {
  formatAsYouType,
  letterToDigit,
  normalizeInput,
  parseDialable,
  splitExtension,
  toCountryCode,
} from '../src/phone.js';
import type { DialableNumber } from '../src/phone.js';
import { formatDuration, isoDuration } from '../src/duration.js';
import { canType, caretFor, displayFor, measure, removeBackward, removeForward } from '../src/field.js';

const ok = (raw: string, country?: string): DialableNumber => {
  const r = parseDialable(raw, country);
  if (!r.ok) throw new Error(`expected ${JSON.stringify(raw)} to be dialable, got ${r.reason}`);
  return r;
};

describe('phone: normalizeInput', () => {
  it('keeps digits, a leading + and drops formatting', () => {
    expect(normalizeInput('(425) 555-0100')).to.equal('4255550100');
    expect(normalizeInput('+44 20 7946 0958')).to.equal('+442079460958');
    expect(normalizeInput('425.555.0100')).to.equal('4255550100');
    expect(normalizeInput('425/555 0100')).to.equal('4255550100');
  });

  it('keeps only the first +', () => {
    expect(normalizeInput('+1 425+555')).to.equal('+1425555');
    expect(normalizeInput('425+')).to.equal('425');
  });

  it('converts vanity letters to keypad digits', () => {
    expect(normalizeInput('1-800-FLOWERS')).to.equal('18003569377');
    expect(normalizeInput('1-800-flowers')).to.equal('18003569377');
    expect(letterToDigit('s')).to.equal('7');
    expect(letterToDigit('Z')).to.equal('9');
    expect(letterToDigit('!')).to.equal(undefined);
  });

  it('keeps extensions written as x, ext., extension and ;ext=', () => {
    expect(normalizeInput('425.555.0100 x12')).to.equal('4255550100;ext=12');
    expect(normalizeInput('4255550100x12')).to.equal('4255550100;ext=12');
    expect(normalizeInput('425 555 0100 ext. 123')).to.equal('4255550100;ext=123');
    expect(normalizeInput('425 555 0100 EXT 123')).to.equal('4255550100;ext=123');
    expect(normalizeInput('425 555 0100 extension 7')).to.equal('4255550100;ext=7');
    expect(normalizeInput('+14255550100;ext=99')).to.equal('+14255550100;ext=99');
    expect(normalizeInput('4255550100 x')).to.equal('4255550100;ext=', 'a marker being typed is kept');
  });

  it('does not read a word ending in "ext" as an extension (vanity numbers)', () => {
    expect(normalizeInput('1-800-TEXT')).to.equal('18008398');
    expect(normalizeInput('1-800-BOX')).to.equal('1800269');
  });

  it('drops tel: and labels, bidi controls, and reads full-width and Arabic-Indic digits', () => {
    expect(normalizeInput('tel:+1-425-555-0100;ext=12')).to.equal('+14255550100;ext=12');
    expect(normalizeInput('Phone: 425-555-0100')).to.equal('4255550100');
    expect(normalizeInput('\u202E425\u200B5550100\u200E')).to.equal('4255550100');
    expect(normalizeInput('＋４２５５５５０１００')).to.equal('+4255550100');
    expect(normalizeInput('٤٢٥٥٥٥٠١٠٠')).to.equal('4255550100');
  });

  it('keeps * and # (service codes)', () => {
    expect(normalizeInput('*67 425')).to.equal('*67425');
    expect(normalizeInput('#31#')).to.equal('#31#');
  });

  it('gives "" for text that is not written like a phone number', () => {
    expect(normalizeInput('<img src=x onerror=alert(1)>')).to.equal('');
    expect(normalizeInput('john@example.com')).to.equal('');
    expect(normalizeInput('Привет')).to.equal('');
    expect(normalizeInput('')).to.equal('');
    expect(normalizeInput(undefined as unknown as string)).to.equal('');
  });

  it('caps absurdly long input', () => {
    const n = normalizeInput('1'.repeat(100_000));
    expect(n.length).to.be.at.most(32);
    expect(parseDialable('1'.repeat(100_000), 'US')).to.deep.equal({ ok: false, reason: 'too-long' });
  });

  it('splitExtension separates the number and extension', () => {
    expect(splitExtension('4255550100;ext=12')).to.deep.equal({ main: '4255550100', extension: '12' });
    expect(splitExtension('4255550100')).to.deep.equal({ main: '4255550100' });
  });
});

describe('phone: parseDialable', () => {
  it('parses the messy numbers of the issue', () => {
    expect(ok('(425) 555-0100', 'US')).to.include({ e164: '+14255550100', national: '(425) 555-0100' });
    expect(ok('+44 20 7946 0958', 'US')).to.include({ e164: '+442079460958', formatted: '+44 20 7946 0958', country: 'GB' });
    const ext = ok('425.555.0100 x12', 'US');
    expect(ext).to.include({ e164: '+14255550100', extension: '12' });
    expect(ext.formatted).to.equal('+1 425 555 0100 ext. 12');
    expect(ok('1-800-FLOWERS', 'US').e164).to.equal('+18003569377');
    expect(ok('425 555 0100 ext. 123', 'US').extension).to.equal('123');
    expect(ok('+14255550100;ext=99').extension).to.equal('99');
  });

  it('uses the default country only for numbers without +', () => {
    expect(ok('020 7946 0958', 'GB').e164).to.equal('+442079460958');
    expect(ok('+14255550100', 'GB').e164).to.equal('+14255550100');
    expect(ok('011 44 20 7946 0958', 'US').e164).to.equal('+442079460958');
  });

  it('accepts the country code in any case', () => {
    expect(ok('(425) 555-0100', 'us').e164).to.equal('+14255550100');
  });

  it('gives a reason for numbers it cannot dial', () => {
    expect(parseDialable('', 'US')).to.deep.equal({ ok: false, reason: 'empty' });
    expect(parseDialable('  \u200B ', 'US')).to.deep.equal({ ok: false, reason: 'empty' });
    expect(parseDialable('425', 'US')).to.deep.equal({ ok: false, reason: 'too-short' });
    expect(parseDialable('+', 'US')).to.deep.equal({ ok: false, reason: 'too-short' });
    expect(parseDialable('4255550100999999', 'US')).to.deep.equal({ ok: false, reason: 'too-long' });
    expect(parseDialable('+999 123 4567', 'US')).to.deep.equal({ ok: false, reason: 'invalid-country' });
    expect(parseDialable('*67', 'US')).to.deep.equal({ ok: false, reason: 'invalid' });
    expect(parseDialable('<img src=x onerror=alert(1)>', 'US')).to.deep.equal({ ok: false, reason: 'invalid' });
    expect(parseDialable(`4255550100 x${'1'.repeat(21)}`, 'US')).to.deep.equal({ ok: false, reason: 'too-long' });
  });

  it('never throws on an invalid or missing default country: national numbers need their country code', () => {
    expect(parseDialable('4255550100', 'ZZ')).to.deep.equal({ ok: false, reason: 'invalid-country' });
    expect(parseDialable('4255550100', 'not a country')).to.deep.equal({ ok: false, reason: 'invalid-country' });
    expect(parseDialable('4255550100')).to.deep.equal({ ok: false, reason: 'invalid-country' });
    expect(ok('+442079460958', 'ZZ').e164).to.equal('+442079460958');
    expect(toCountryCode('ZZ')).to.equal(undefined);
    expect(toCountryCode(' gb ')).to.equal('GB');
    expect(toCountryCode(null)).to.equal(undefined);
  });
});

describe('phone: formatAsYouType', () => {
  it('formats partial input for the default country', () => {
    expect(formatAsYouType('4255550', 'US')).to.equal('(425) 555-0');
    expect(formatAsYouType('4255550100', 'US')).to.equal('(425) 555-0100');
    expect(formatAsYouType('+442079', 'US')).to.equal('+44 20 79');
    expect(formatAsYouType('+', 'US')).to.equal('+');
  });

  it('appends the extension, including a marker still being typed', () => {
    expect(formatAsYouType('4255550100x1', 'US')).to.equal('(425) 555-0100 ext. 1');
    expect(formatAsYouType('4255550100x', 'US')).to.equal('(425) 555-0100 ext. ');
  });

  it('is idempotent on what it produced', () => {
    for (const raw of ['425', '4255550', '4255550100x12', '+442079460958', '1800FLOWERS', '*67']) {
      const once = formatAsYouType(raw, 'US');
      expect(formatAsYouType(once, 'US')).to.equal(once, raw);
    }
  });

  it('shows service codes as typed and ignores an unsupported country', () => {
    expect(formatAsYouType('*67', 'US')).to.equal('*67');
    expect(formatAsYouType('4255550100', 'ZZ')).to.equal('4255550100');
    expect(formatAsYouType('<b>', 'US')).to.equal('');
  });
});

describe('field editing helpers', () => {
  it('maps the caret across re-formatting', () => {
    // "(425) 55|" → 5 dial characters before the caret
    expect(measure('(425) 55')).to.deep.equal({ count: 5, afterMarker: false });
    expect(caretFor('(425) 555-0', 5, false)).to.equal(8);
    expect(caretFor('(425)', 3, false)).to.equal(4);
    expect(caretFor('(425) 555-0100 ext. ', 10, true)).to.equal('(425) 555-0100 ext. '.length);
    expect(measure('(425) 555-0100 x')).to.deep.equal({ count: 10, afterMarker: true });
  });

  it('backspace skips formatting and removes the previous digit', () => {
    expect(removeBackward('(425) 555', 6)).to.deep.equal({ text: '(42) 555', before: '(42' });
    expect(removeBackward('(425) 555', 9)).to.deep.equal({ text: '(425) 55', before: '(425) 55' });
    expect(removeBackward('(', 1)).to.equal(undefined);
  });

  it('backspace on the extension marker removes the marker', () => {
    const v = '(425) 555-0100 ext. 12';
    expect(removeBackward(v, v.indexOf('12'))).to.deep.equal({ text: '(425) 555-010012', before: '(425) 555-0100' });
  });

  it('delete removes the next digit', () => {
    expect(removeForward('(425) 555', 4)).to.deep.equal({ text: '(425) 55', before: '(425' });
    expect(removeForward('(425)', 5)).to.equal(undefined);
  });

  it('refuses characters a number cannot contain, and letters after an extension', () => {
    expect(canType('5', '')).to.equal(true);
    expect(canType('F', '1800')).to.equal(true);
    expect(canType('<', '')).to.equal(false);
    expect(canType('a', '(425) 555-0100 ext. 1')).to.equal(false);
    expect(canType('2', '(425) 555-0100 ext. 1')).to.equal(true);
  });

  it('displayFor strips what a number cannot contain before formatting', () => {
    expect(displayFor('425!555!0100', 'US')).to.equal('(425) 555-0100');
    expect(displayFor('', 'US')).to.equal('');
  });
});

describe('duration', () => {
  it('formats mm:ss, then h:mm:ss past an hour', () => {
    expect(formatDuration(0)).to.equal('00:00');
    expect(formatDuration(5)).to.equal('00:05');
    expect(formatDuration(65.9)).to.equal('01:05');
    expect(formatDuration(3599)).to.equal('59:59');
    expect(formatDuration(3600)).to.equal('1:00:00');
    expect(formatDuration(3723)).to.equal('1:02:03');
    expect(formatDuration(-3)).to.equal('00:00');
    expect(formatDuration(Number.NaN)).to.equal('00:00');
  });

  it('gives ISO 8601 durations for <time datetime>', () => {
    expect(isoDuration(0)).to.equal('PT0S');
    expect(isoDuration(65)).to.equal('PT1M5S');
    expect(isoDuration(3600)).to.equal('PT1H');
    expect(isoDuration(3723)).to.equal('PT1H2M3S');
  });
});
