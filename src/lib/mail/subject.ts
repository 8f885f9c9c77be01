// Subject normalisation for threading by subject (the fallback for sources without threading headers).

const PREFIX = /^\s*(?:(?:re|fwd?|aw|sv|antw)(?:\[\d+\])?\s*:|\[[^\]]*\])\s*/i;

/**
 * Normalises a decoded subject for comparison: leading `Re:`/`Fwd:`/`Fw:`/`AW:`/`SV:`/`Antw:`
 * (also `Re[2]:`) and leading `[…]` tags are removed repeatedly, white space collapsed, lower-cased.
 * `Re: [PATCH v2 1/3] foo` and `[PATCH] foo` both become `foo`.
 */
export function normalizeSubject(subject: string): string {
  let s = subject.replace(/\s+/g, ' ').trim();
  for (;;) {
    const next = s.replace(PREFIX, '');
    if (next === s) break;
    s = next;
  }
  return s.toLowerCase();
}

/** True when a subject starts with a reply or forward prefix (`Re:`, `AW:`, `Fwd:` …). */
export function isReplySubject(subject: string): boolean {
  return /^\s*(?:\[[^\]]*\]\s*)*(?:re|fwd?|aw|sv|antw)(?:\[\d+\])?\s*:/i.test(subject);
}
