// Escaping for text placed inside Mermaid labels and messages.

/** Makes text safe inside a quoted Mermaid flowchart label (`"…"`). */
export function flowLabel(text: string): string {
  return text.replace(/"/g, '#quot;');
}

/** Makes text safe as a sequence-diagram message or note (no `;`, `#` or line breaks). */
export function seqText(text: string): string {
  // One pass: escaping `#` then `;` in turn would break the `;` of `#35;` (`#35#59;`).
  return text.replace(/[#;]/g, (c) => `#${c.charCodeAt(0)};`).replace(/[\r\n]+/g, ' ');
}

/** A Mermaid-safe node id derived from any id (`timer:a.b` → `n_timer_a_b`; the prefix avoids `end`). */
export function safeId(id: string): string {
  return `n_${id.replace(/[^A-Za-z0-9_]/g, '_')}`;
}
