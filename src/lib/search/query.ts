// Parses the search box's lore-style prefixes into free text plus filters:
//   s:word      subject contains word          f:name     author (matches any author containing it)
//   d:2009      year;  d:2019..2021  range     sym:name   symbol (del_timer_sync, cm_id_priv->lock)
// Quotes group words: s:"lock inversion", f:"Roland Dreier". Unknown prefixes stay in the text.

import { normalizeQueryIdentifiers } from './identifiers.ts';

/** A parsed query: text for Pagefind plus the constraints the prefixes asked for. */
export interface ParsedQuery {
  /** Free text with identifier forms normalised to the indexed tokens. */
  text: string;
  /** Words that must appear in the message subject (s:). */
  subject: string[];
  /** Author fragments (f:), matched against the author filter's values. */
  from: string[];
  /** Symbol names (sym:), matched against the symbol filter's values. */
  symbols: string[];
  /** Inclusive year range (d:), or null. */
  years: { from: number; to: number } | null;
}

const TOKEN = /(\w+):("([^"]*)"|(\S+))|("([^"]*)")|(\S+)/g;

/** Splits a query into free text and prefix constraints; malformed `d:` values are kept as text. */
export function parseQuery(input: string): ParsedQuery {
  const out: ParsedQuery = { text: '', subject: [], from: [], symbols: [], years: null };
  const text: string[] = [];
  for (const m of input.matchAll(TOKEN)) {
    const [whole, prefix, , quoted, bare, , phrase, word] = m;
    if (prefix === undefined) {
      text.push(phrase ?? word ?? whole);
      continue;
    }
    const value = (quoted ?? bare ?? '').trim();
    switch (prefix.toLowerCase()) {
      case 's':
        out.subject.push(value);
        text.push(value);
        break;
      case 'f':
        out.from.push(value);
        break;
      case 'sym':
        out.symbols.push(value);
        break;
      case 'd': {
        const years = parseYears(value);
        if (years) out.years = years;
        else text.push(whole);
        break;
      }
      default:
        text.push(whole);
    }
  }
  out.text = normalizeQueryIdentifiers(text.filter((t) => t !== '').join(' '));
  return out;
}

/** `2009` → 2009..2009; `2019..2021` or `2019-2021` → that range; anything else → null. */
export function parseYears(value: string): { from: number; to: number } | null {
  const m = /^(\d{4})(?:(?:\.\.|-)(\d{4}))?$/.exec(value);
  if (!m) return null;
  const from = Number(m[1]);
  const to = m[2] ? Number(m[2]) : from;
  return from <= to ? { from, to } : { from: to, to: from };
}

/** Picks the filter values a fragment selects: case-insensitive substring, and canonical identifier match. */
export function matchFilterValues(available: string[], fragments: string[]): string[] {
  const wanted = fragments.map((f) => normalizeQueryIdentifiers(f).toLowerCase());
  return available.filter((value) => {
    const v = normalizeQueryIdentifiers(value).toLowerCase();
    return wanted.some((w) => v.includes(w));
  });
}
