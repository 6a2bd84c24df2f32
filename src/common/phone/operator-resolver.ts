// Phone number → operator → our provider, from number-prefixes.json (number-prefixes.md §0).
//
// - Prefixes are national significant number (NSN) prefixes: digits after the calling code, with
//   no trunk 0 (but CI/BJ/CG keep the 0 that is part of their NSN). Never strip a 0 by hand.
// - Within a country the JSON's prefixes never overlap, so the longest-prefix match is the match.
// - `provider: null` with confidence 'prefix': a known operator whose wallet we do not integrate.
//   Callers must then require an explicit provider; never fall back to another one (§0.4).
// - Entries the sheet marks unverified (an operator's `unverifiedPrefixes`, or an operator with
//   `unverified: true`) are reported with provider null and confidence 'unverified': never
//   auto-route them (§0.6). `candidateProvider` says which provider they would be.
// - `portability: true` means the prediction is only a guess; a merchant-supplied provider wins.
//
// The lookup tables are built once at module load; a lookup is at most a few Map.get calls.

import { isSupportedCountry, parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { PROVIDER_IDS, type ProviderId } from '../../providers/provider.port';
import prefixes from './number-prefixes.json';

export type ResolveConfidence = 'prefix' | 'unverified' | 'none';

export interface OperatorResolution {
  /** ISO 3166-1 alpha-2 of the number. */
  country: string;
  /** Operator name from the fact sheet, or null when no prefix matches. */
  operator: string | null;
  /** Provider to auto-route to; null when the operator has no integrated wallet or is unverified. */
  provider: ProviderId | null;
  /** True where the country has number portability: the result is then a guess. */
  portability: boolean;
  confidence: ResolveConfidence;
  /** For 'unverified' matches: the provider the entry would map to, for information only. */
  candidateProvider: ProviderId | null;
}

export interface CountryInfo {
  country: string;
  name: string;
  callingCode: string;
  portability: boolean;
  /** Providers reachable by (verified) prefix in this country. */
  providers: ProviderId[];
}

interface JsonOperator {
  name: string;
  provider: string | null;
  prefixes: string[];
  unverifiedPrefixes?: string[];
  unverified?: boolean;
}
interface JsonCountry {
  name: string;
  countryCode: string;
  portability: boolean;
  operators: JsonOperator[];
}

interface PrefixEntry {
  operator: string;
  provider: ProviderId | null;
  verified: boolean;
}
interface CountryTable {
  info: CountryInfo;
  byPrefix: Map<string, PrefixEntry>;
  /** Distinct prefix lengths, longest first. */
  lengths: number[];
}

function toProviderId(value: string | null, where: string): ProviderId | null {
  if (value === null) return null;
  if ((PROVIDER_IDS as readonly string[]).includes(value)) return value as ProviderId;
  throw new Error(`number-prefixes.json: unknown provider "${value}" (${where})`);
}

function buildTables(data: Record<string, JsonCountry>): Map<string, CountryTable> {
  const tables = new Map<string, CountryTable>();
  for (const [country, c] of Object.entries(data)) {
    const byPrefix = new Map<string, PrefixEntry>();
    const providers = new Set<ProviderId>();
    const add = (prefix: string, entry: PrefixEntry) => {
      if (!/^[0-9]+$/.test(prefix) || byPrefix.has(prefix)) {
        throw new Error(`number-prefixes.json: bad or duplicate prefix ${country} "${prefix}"`);
      }
      byPrefix.set(prefix, entry);
    };
    for (const op of c.operators) {
      const provider = toProviderId(op.provider, `${country} ${op.name}`);
      const verified = op.unverified !== true;
      if (verified && provider && op.prefixes.length > 0) providers.add(provider);
      for (const p of op.prefixes) add(p, { operator: op.name, provider, verified });
      for (const p of op.unverifiedPrefixes ?? []) add(p, { operator: op.name, provider, verified: false });
    }
    const lengths = [...new Set([...byPrefix.keys()].map((p) => p.length))].sort((a, b) => b - a);
    tables.set(country, {
      info: { country, name: c.name, callingCode: c.countryCode, portability: c.portability, providers: [...providers] },
      byPrefix,
      lengths,
    });
  }
  return tables;
}

const TABLES = buildTables(prefixes as unknown as Record<string, JsonCountry>);
const COUNTRY_BY_CALLING_CODE = new Map([...TABLES.values()].map((t) => [t.info.callingCode, t.info.country]));

/** Where a number is: from E.164 digits (libphonenumber first, so shared codes resolve right). */
function locate(msisdn: string): { country: string; nationalNumber: string } {
  const digits = msisdn.startsWith('+') ? msisdn.slice(1) : msisdn;
  if (!/^[0-9]{4,15}$/.test(digits)) throw new TypeError('resolveOperator expects E.164 digits, e.g. "256772123456"');
  const pn = parsePhoneNumberFromString('+' + digits);
  if (pn?.country) return { country: pn.country, nationalNumber: pn.nationalNumber };
  for (let len = 1; len <= 3; len++) {
    const country = COUNTRY_BY_CALLING_CODE.get(digits.slice(0, len));
    if (country) return { country, nationalNumber: digits.slice(len) };
  }
  return { country: '', nationalNumber: digits }; // e.g. non-geographic +882…: nothing to match
}

/**
 * Guesses the operator and provider of a number: E.164 digits ("256772123456", '+' allowed) or
 * the output of normalizeMsisdn ({ country, nationalNumber }). Assumes a validated number; a
 * string that is not 4–15 digits throws TypeError (a programming error, not client input).
 * `country` is '' when the calling code belongs to no country.
 */
export function resolveOperator(number: string | { country: string; nationalNumber: string }): OperatorResolution {
  const { country: rawCountry, nationalNumber } = typeof number === 'string' ? locate(number) : number;
  const country = String(rawCountry).toUpperCase();
  const table = TABLES.get(country);
  const result: OperatorResolution = {
    country,
    operator: null,
    provider: null,
    portability: table?.info.portability ?? false,
    confidence: 'none',
    candidateProvider: null,
  };
  if (!table || typeof nationalNumber !== 'string') return result;
  for (const len of table.lengths) {
    if (len > nationalNumber.length) continue;
    const entry = table.byPrefix.get(nationalNumber.slice(0, len));
    if (!entry) continue;
    result.operator = entry.operator;
    if (entry.verified) {
      result.provider = entry.provider;
      result.confidence = 'prefix';
    } else {
      result.candidateProvider = entry.provider;
      result.confidence = 'unverified';
    }
    return result;
  }
  return result;
}

/** Countries (ISO alpha-2, sorted) where `provider` is reachable by a verified prefix. */
export function countriesForProvider(provider: ProviderId): string[] {
  return [...TABLES.values()]
    .filter((t) => t.info.providers.includes(provider))
    .map((t) => t.info.country)
    .sort();
}

/** Every country in the fact sheet, with its calling code, portability and providers. */
export function listCountries(): CountryInfo[] {
  return [...TABLES.values()].map((t) => ({ ...t.info, providers: [...t.info.providers] }));
}

/** True when the fact sheet covers `country` (ISO alpha-2) and libphonenumber knows it. */
export function isKnownCountry(country: string): boolean {
  return TABLES.has(country) && isSupportedCountry(country);
}
