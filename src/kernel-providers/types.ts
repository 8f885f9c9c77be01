// The one interface every source of kernel files implements.

/** Something that can read a kernel source file at a version. */
export interface KernelSourceProvider {
  /** Short name for logs and the page (`local-git`, `remote-mirror`). */
  readonly name: string;
  /** The file's text at that version, or null when this provider cannot give it. Never throws for "absent". */
  readFile(version: string, file: string): Promise<string | null>;
}

/** A provider that can also enumerate a version's files (needed to build a whole index). */
export interface ListingProvider extends KernelSourceProvider {
  /** Every file path at that version. */
  listFiles(version: string): Promise<string[]>;
  /** Reads many files in one go, yielding them in order; missing ones are skipped. */
  readMany(version: string, files: string[]): AsyncIterable<{ file: string; text: string }>;
}

/** Rejects paths that could leave the tree or the cache (`..`, absolute, empty segments). */
export function isSafeTreePath(file: string): boolean {
  if (file === '' || file.startsWith('/') || file.includes('\\') || file.includes('\0')) return false;
  return file.split('/').every((part) => part !== '' && part !== '.' && part !== '..');
}
