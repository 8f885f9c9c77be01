// Parses RFC 5322 Date headers as real mail writes them: with or without weekday, 2- or 4-digit
// years, numeric or named zones, optional seconds, trailing comments such as `(PDT)`.

import { MONTHS, zoneOffset } from './pipermail-dates.ts';
import type { MailDate } from './types.ts';

const RFC5322 =
  /^\s*(?:[A-Za-z]+,?\s*)?(\d{1,2})[\s-]+([A-Za-z]{3})[A-Za-z]*\.?[\s-]+(\d{2,4})\s+(\d{1,2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?\s*([+-]\d{4}|[A-Za-z]{1,5})?/;

/**
 * Parses a Date header to an instant; null when it does not parse.
 * Contract: 2-digit years 00–49 are 20xx and 50–99 are 19xx (RFC 5322 §4.3); an unknown or missing
 * zone is read as UTC with zone `-0000` (RFC 5322's "unknown local time").
 */
export function parseMailDate(raw: string): MailDate | null {
  const text = raw.replace(/\s+/g, ' ').trim();
  const m = RFC5322.exec(text);
  if (!m) return null;
  const [, day, mon, yearText, hh, mm, ss, zoneText] = m;
  const month = MONTHS.indexOf((mon as string).toLowerCase());
  if (month < 0) return null;
  let year = Number(yearText);
  if ((yearText as string).length <= 2) year += year < 50 ? 2000 : 1900;
  else if ((yearText as string).length === 3) year += 1900;
  const zone = zoneText ?? '-0000';
  const offsetMinutes = zoneOffset(zone) ?? 0;
  const localMs = Date.UTC(year, month, Number(day), Number(hh), Number(mm), Number(ss ?? 0));
  if (Number.isNaN(localMs)) return null;
  const utc = new Date(localMs - offsetMinutes * 60_000);
  if (Number.isNaN(utc.getTime())) return null;
  return { utc: utc.toISOString(), offsetMinutes, zone, raw: raw.trim() };
}
