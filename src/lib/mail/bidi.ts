// Detects Unicode bidirectional control characters in header text (subjects, names). They can make
// a subject read differently from the bytes it holds ("Trojan Source", CVE-2021-42574), so pages
// flag them visibly, as b4 does, instead of silently honouring or stripping them.

// U+061C ALM, U+200E/F LRM/RLM, U+202A–U+202E embeddings and overrides, U+2066–U+2069 isolates.
const BIDI_CONTROL = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** Names of bidi controls for the flag's tooltip, keyed by code point. */
const NAMES: Readonly<Record<number, string>> = {
  1564: 'ALM',
  8206: 'LRM',
  8207: 'RLM',
  8234: 'LRE',
  8235: 'RLE',
  8236: 'PDF',
  8237: 'LRO',
  8238: 'RLO',
  8294: 'LRI',
  8295: 'RLI',
  8296: 'FSI',
  8297: 'PDI',
};

/** True when the text holds at least one Unicode bidi control character. */
export function hasBidiControls(text: string): boolean {
  BIDI_CONTROL.lastIndex = 0;
  return BIDI_CONTROL.test(text);
}

/** The distinct bidi controls in the text, by short name (`RLO`, `LRI`…), in order of first use. */
export function bidiControlNames(text: string): string[] {
  const seen = new Set<string>();
  for (const m of text.matchAll(BIDI_CONTROL)) {
    seen.add(NAMES[m[0].codePointAt(0) ?? 0] ?? 'bidi');
  }
  return [...seen];
}

/**
 * The text with each bidi control replaced by a visible marker such as `[U+202E]`, so what is shown
 * is exactly what was sent and the display order cannot be reversed by the sender.
 */
export function revealBidiControls(text: string): string {
  return text.replace(
    BIDI_CONTROL,
    (c) => `[U+${(c.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}]`,
  );
}
