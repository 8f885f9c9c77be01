// Pipermail writes dates in asctime order with a zone abbreviation: `Mon Aug 10 13:48:28 PDT 2009`.

import type { MailDate } from './types.ts';

/** UTC offsets in minutes for the zone abbreviations pipermail archives use; unknown zones are an error. */
export const ZONE_OFFSETS: Readonly<Record<string, number>> = {
  UTC: 0,
  UT: 0,
  GMT: 0,
  Z: 0,
  WET: 0,
  BST: 60,
  IST: 60,
  WEST: 60,
  CET: 60,
  CEST: 120,
  MET: 60,
  MEST: 120,
  EET: 120,
  EEST: 180,
  MSK: 180,
  JST: 540,
  KST: 540,
  AEST: 600,
  AEDT: 660,
  NZST: 720,
  NZDT: 780,
  EST: -300,
  EDT: -240,
  CST: -360,
  CDT: -300,
  MST: -420,
  MDT: -360,
  PST: -480,
  PDT: -420,
  AKST: -540,
  AKDT: -480,
  HST: -600,
};

/** Lower-case English month abbreviations, January first. */
export const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

const ASCTIME =
  /^(?:[A-Za-z]{3},?\s+)?([A-Za-z]{3})\s+(\d{1,2})\s+(\d{1,2}):(\d{2}):(\d{2})\s+([A-Za-z]{1,5}|[+-]\d{4})\s+(\d{4})$/;

/** Parses a pipermail date (`Mon Aug 10 13:48:28 PDT 2009`) to an exact instant; throws on unknown zones. */
export function parsePipermailDate(raw: string): MailDate {
  const text = raw.trim();
  const m = ASCTIME.exec(text);
  if (!m) throw new Error(`unrecognised pipermail date: ${JSON.stringify(text)}`);
  const [, mon, day, hh, mm, ss, zone, year] = m as unknown as string[];
  const month = MONTHS.indexOf((mon as string).toLowerCase());
  if (month < 0) throw new Error(`unknown month in date: ${JSON.stringify(text)}`);
  const offsetMinutes = zoneOffset(zone as string);
  if (offsetMinutes === undefined)
    throw new Error(`unknown time zone ${JSON.stringify(zone)} in date: ${JSON.stringify(text)}`);
  const localMs = Date.UTC(Number(year), month, Number(day), Number(hh), Number(mm), Number(ss));
  const utc = new Date(localMs - offsetMinutes * 60_000).toISOString();
  return { utc, offsetMinutes, zone: zone as string, raw: text };
}

/** Offset east of UTC in minutes for `+0530`/`-0700` or a known abbreviation; undefined when unknown. */
export function zoneOffset(zone: string): number | undefined {
  const numeric = /^([+-])(\d{2})(\d{2})$/.exec(zone);
  if (numeric) {
    const minutes = Number(numeric[2]) * 60 + Number(numeric[3]);
    return numeric[1] === '-' ? -minutes : minutes;
  }
  return ZONE_OFFSETS[zone.toUpperCase()];
}
