// Lock descriptions as lockdep prints them: `ffff… (&dev->lock){+.+.}-{3:3}, at: func+0x1/0x2`.
import { parseFrame } from './frames.ts';
import type { LockClass, LockSite } from './types.ts';

const USAGE = /^\s*(\{[-+?.]{2,12}\})/;
const WAIT_TYPE = /^-(\{\d:\d\})/;

/** Index just past the parenthesis that closes the one at `open`, or -1 when it never closes. */
export function closingParen(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    const ch = text[i];
    if (ch === '(') depth++;
    else if (ch === ')') {
      depth--;
      if (depth === 0) return i + 1;
    }
  }
  return -1;
}

/**
 * Read a lock class at the start of `text` (after optional spaces): `(name){usage}-{w:w}`.
 * The usage block is required unless `usageOptional` is set (scenario cells print names bare).
 * Returns the class and the remaining text, or undefined.
 */
export function readLockClass(
  text: string,
  usageOptional = false,
): { lock: LockClass; rest: string } | undefined {
  const open = text.search(/\S/);
  if (open < 0 || text[open] !== '(') return undefined;
  const close = closingParen(text, open);
  if (close < 0) return undefined;
  const name = text.slice(open + 1, close - 1).trim();
  if (name === '') return undefined;
  let rest = text.slice(close);
  const lock: LockClass = { name };
  const usage = USAGE.exec(rest);
  if (usage?.[1]) {
    lock.usage = usage[1];
    rest = rest.slice(usage[0].length);
    const wait = WAIT_TYPE.exec(rest);
    if (wait?.[1]) {
      lock.waitType = wait[1];
      rest = rest.slice(wait[0].length);
    }
  } else if (!usageOptional) {
    return undefined;
  }
  return { lock, rest };
}

/** Parse a whole lock line: optional `#N:`, optional address, class, optional `, at: frame`. */
export function parseLockSite(text: string): (LockSite & { index?: number }) | undefined {
  const m = /^\s*(?:#(\d+):\s*)?(?:([0-9a-f]{8,16})\s*)?(?=\()/.exec(text);
  if (!m) return undefined;
  const read = readLockClass(text.slice(m[0].length));
  if (!read) return undefined;
  const site: LockSite & { index?: number } = { lock: read.lock };
  if (m[1] !== undefined) site.index = Number(m[1]);
  if (m[2] !== undefined) site.address = m[2];
  const at = /^\s*,?\s*at:\s*(.+)$/.exec(read.rest);
  if (at?.[1]) {
    const frame = parseFrame(at[1]);
    if (frame) site.at = frame;
  }
  return site;
}

/** True when a line holds a lock description with usage bits anywhere in it. */
export function hasLockDescription(text: string): boolean {
  return /\)\s*\{[-+?.]{2,12}\}/.test(text);
}
