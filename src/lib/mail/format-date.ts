// Date display helpers: the instant in UTC, and the time as the sender's clock showed it.

import type { MailDate } from './types.ts';

/** `2009-08-10 20:48:28 UTC` from an ISO instant. */
export function formatUtc(iso: string): string {
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)} UTC`;
}

/** `2009-08-10 13:48:28 PDT (UTC−07:00)`: the sender's local time and zone. */
export function formatLocal(date: MailDate): string {
  const local = new Date(Date.parse(date.utc) + date.offsetMinutes * 60_000).toISOString();
  const sign = date.offsetMinutes < 0 ? '−' : '+';
  const abs = Math.abs(date.offsetMinutes);
  const offset = `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
  const zone = /^[+-]\d{4}$/.test(date.zone) ? '' : `${date.zone} `;
  return `${local.slice(0, 10)} ${local.slice(11, 19)} ${zone}(UTC${offset})`;
}
