// Counted nouns for the site's plain-English counts ("1 thread", "2 messages", "0 threads").

/** `count` and the noun, plural unless the count is one (`pluralForm` for irregular nouns). */
export function plural(count: number, noun: string, pluralForm = `${noun}s`): string {
  return `${count} ${count === 1 ? noun : pluralForm}`;
}
