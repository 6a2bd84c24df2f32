// ISO 4217 minor-unit exponents ("minor units" column of the ISO 4217 list) for the currencies
// Malipo may see: every African currency a mobile-money operator settles in, the currencies of the
// non-African countries in number-prefixes.json (Jordan), and the usual EUR/USD/GBP (MTN's sandbox
// works in EUR; USD circulates in ZW, LR, SS and CD).
//
// The exponent is what the API's decimal strings are checked against: UGX "1500" is 1500 minor
// units, KES "12.50" is 1250. We follow ISO even where daily practice differs (see MGA, MRU below),
// because operators' APIs and card/bank rails use the ISO exponent.

const EXPONENTS = {
  // --- 0 decimals ---
  BIF: 0, // Burundi franc
  DJF: 0, // Djibouti franc
  GNF: 0, // Guinean franc
  KMF: 0, // Comorian franc
  RWF: 0, // Rwandan franc
  UGX: 0, // Ugandan shilling
  XAF: 0, // CFA franc BEAC (CM, CG, GA, TD, CF, GQ)
  XOF: 0, // CFA franc BCEAO (CI, SN, ML, BF, BJ, NE, TG, GW)

  // --- 2 decimals ---
  AOA: 2, // Angolan kwanza
  BWP: 2, // Botswana pula
  CDF: 2, // Congolese franc
  CVE: 2, // Cape Verde escudo
  DZD: 2, // Algerian dinar
  EGP: 2, // Egyptian pound
  ERN: 2, // Eritrean nakfa
  ETB: 2, // Ethiopian birr
  GHS: 2, // Ghana cedi
  GMD: 2, // Gambian dalasi
  KES: 2, // Kenyan shilling
  LRD: 2, // Liberian dollar
  LSL: 2, // Lesotho loti
  MAD: 2, // Moroccan dirham
  // Malagasy ariary: non-decimal in practice (1 ariary = 5 iraimbilanja, and no iraimbilanja coins
  // circulate), but ISO 4217 lists 2 minor units. We follow ISO, so "1000" and "1000.50" are valid.
  MGA: 2,
  // Mauritanian ouguiya: also non-decimal in practice (1 ouguiya = 5 khoums); ISO says 2.
  MRU: 2,
  MUR: 2, // Mauritian rupee
  MWK: 2, // Malawian kwacha
  MZN: 2, // Mozambican metical
  NAD: 2, // Namibian dollar
  NGN: 2, // Nigerian naira
  SCR: 2, // Seychelles rupee
  SDG: 2, // Sudanese pound
  SLE: 2, // Sierra Leonean leone (new, since 2022; the old SLL is withdrawn)
  SOS: 2, // Somali shilling
  SSP: 2, // South Sudanese pound
  STN: 2, // São Tomé and Príncipe dobra
  SZL: 2, // Swazi lilangeni
  TZS: 2, // Tanzanian shilling
  ZAR: 2, // South African rand
  ZMW: 2, // Zambian kwacha
  ZWG: 2, // Zimbabwe Gold (ISO code since 2024)

  // --- 3 decimals ---
  JOD: 3, // Jordanian dinar
  LYD: 3, // Libyan dinar
  TND: 3, // Tunisian dinar

  // --- international ---
  EUR: 2,
  GBP: 2,
  USD: 2,
} as const satisfies Record<string, number>;

export type CurrencyCode = keyof typeof EXPONENTS;

// A Map, not the object, for lookups: `EXPONENTS['constructor']` would find Object.prototype.
const EXPONENT_MAP: ReadonlyMap<string, number> = new Map(Object.entries(EXPONENTS));

/** All supported ISO 4217 codes, sorted. */
export const SUPPORTED_CURRENCIES: readonly CurrencyCode[] = Object.freeze(
  (Object.keys(EXPONENTS) as CurrencyCode[]).sort(),
);

/** True for an upper-case ISO 4217 code listed above. Safe on any runtime value. */
export function isSupportedCurrency(code: unknown): code is CurrencyCode {
  return typeof code === 'string' && EXPONENT_MAP.has(code);
}

/** The ISO 4217 minor-unit exponent (UGX 0, KES 2, TND 3), or undefined for an unknown code. */
export function currencyExponent(code: string): number | undefined {
  return typeof code === 'string' ? EXPONENT_MAP.get(code) : undefined;
}
