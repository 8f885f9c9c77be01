/** Where a thread page's mail came from at build time (thread-pages.ts), and what is missing. */
export interface ThreadMail {
  /** `present`: every wanted message's thread was found; `partial`: some were not; `absent`: none. */
  state: 'present' | 'partial' | 'absent';
  /** Thread folders the messages were read from. */
  folders: string[];
  /** mbox files from the lore cache. */
  loreFiles: string[];
  /** Message-IDs (root, joins) whose mail was found nowhere. */
  missing: string[];
}
