// Checks number-prefixes.json against libphonenumber-js and the resolver, as number-prefixes.md
// §0.7 describes: one sample number per JSON prefix must parse as a valid mobile of the right
// country and resolve to the operator that owns the prefix.
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { resolveOperator } from './operator-resolver';
import { normalizeMsisdn } from './phone';
import prefixes from './number-prefixes.json';

interface Op {
  name: string;
  provider: string | null;
  prefixes: string[];
  unverifiedPrefixes?: string[];
  unverified?: boolean;
}
interface Country {
  countryCode: string;
  nsnLength: number[];
  mobilePattern: string;
  operators: Op[];
}
const DATA = prefixes as unknown as Record<string, Country>;

// The md's documented exception (§0.7): Botswana 321… (Mascom, no supported wallet) is in the
// carrier file but libphonenumber-js 1.13.16 does not validate it. If this list's test below starts
// failing after a libphonenumber-js upgrade, the exception is gone: remove it here.
const EXCEPTIONS = new Set(['BW 32']);

/**
 * A sample NSN for `prefix`: the prefix, up to 3 more enumerated digits, then filler, at each
 * length libphonenumber may accept, matching the country's mobile pattern and valid as MOBILE.
 */
function sampleNsn(country: string, c: Country, prefix: string): string | undefined {
  const pattern = new RegExp(`^(?:${c.mobilePattern})$`);
  const lengths = [...new Set([...c.nsnLength, 7, 8, 9, 10])];
  for (const len of lengths) {
    if (len < prefix.length) continue;
    for (let k = 0; k < 1000; k++) {
      const head = (prefix + String(k).padStart(3, '0')).slice(0, len);
      const nsn = (head + '1234567890').slice(0, len);
      if (pattern.test(nsn)) {
        const pn = parsePhoneNumberFromString(`+${c.countryCode}${nsn}`);
        const type = pn?.isValid() ? pn.getType() : undefined;
        if (pn?.country === country && pn.nationalNumber === nsn && (type === 'MOBILE' || type === 'FIXED_LINE_OR_MOBILE')) {
          return nsn;
        }
      }
      if (head.length === len) break; // no digits left to enumerate
    }
  }
  return undefined;
}

const cases: [string, string, Op][] = [];
for (const [country, c] of Object.entries(DATA)) {
  for (const op of c.operators) for (const p of op.prefixes) cases.push([country, p, op]);
}

describe('number-prefixes.json', () => {
  it('has 43 countries and 888 prefixes', () => {
    expect(Object.keys(DATA)).toHaveLength(43);
    expect(cases).toHaveLength(888);
  });

  it.each(Object.entries(DATA))('%s: no prefix starts another one (no overlaps)', (_country, c) => {
    const all = c.operators.flatMap((op) => [...op.prefixes, ...(op.unverifiedPrefixes ?? [])]);
    expect(new Set(all).size).toBe(all.length);
    for (const a of all) for (const b of all) if (a !== b) expect(b.startsWith(a)).toBe(false);
  });

  const covered = cases.filter(([country, p]) => !EXCEPTIONS.has(`${country} ${p}`));
  it.each(covered)('%s %s: a sample number resolves to its operator', (country, prefix, op) => {
    const nsn = sampleNsn(country, DATA[country], prefix);
    expect(nsn).toBeDefined();
    const normalized = normalizeMsisdn(`+${DATA[country].countryCode}${nsn}`, country);
    expect(normalized).toEqual({ msisdn: `${DATA[country].countryCode}${nsn}`, country, nationalNumber: nsn });
    const verified = op.unverified !== true;
    expect(resolveOperator(normalized)).toMatchObject({
      country,
      operator: op.name,
      provider: verified ? op.provider : null,
      confidence: verified ? 'prefix' : 'unverified',
      candidateProvider: verified ? null : op.provider,
    });
    expect(resolveOperator(normalized.msisdn)).toMatchObject({ country, operator: op.name });
  });

  it.each([...EXCEPTIONS])('%s is still the documented exception (libphonenumber-js rejects it)', (key) => {
    const [country, prefix] = key.split(' ');
    expect(sampleNsn(country, DATA[country], prefix)).toBeUndefined();
    // The resolver still knows the operator when it gets the NSN directly.
    expect(resolveOperator({ country, nationalNumber: `${prefix}112345`.slice(0, 8) }).operator).toBe('Mascom');
  });
});
