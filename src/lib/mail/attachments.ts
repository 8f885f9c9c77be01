// How a message's attachments are shown: which highlighting a text attachment gets, and its size
// in words a reader takes in at a glance.

import type { AttachmentInfo } from './types.ts';

/** Highlighting for a text attachment: patches as diffs, C files as C, the rest (logs, configs) as text. */
export function attachmentLanguage(
  attachment: Pick<AttachmentInfo, 'filename' | 'mimeType' | 'text'>,
): 'diff' | 'c' | 'text' {
  const name = attachment.filename.toLowerCase();
  if (/\.(patch|diff)$/.test(name) || /(x-)?(patch|diff)$/.test(attachment.mimeType)) return 'diff';
  if (/\.[ch]$/.test(name) || attachment.mimeType === 'text/x-csrc' || attachment.mimeType === 'text/x-chdr')
    return 'c';
  // A patch attached as text/plain under another name: it has a diff header.
  if (/^(diff --git |--- \S.*\n\+\+\+ \S)/m.test(attachment.text?.slice(0, 20_000) ?? '')) return 'diff';
  return 'text';
}

/** `1.2 KB`, `34 KB`, `2.5 MB` (decimal units, as mail clients show them); bytes below 1 KB. */
export function formatBytes(size: number): string {
  if (size < 1000) return `${size} B`;
  const [value, unit] = size < 1e6 ? [size / 1e3, 'KB'] : [size / 1e6, 'MB'];
  return `${value < 10 ? value.toFixed(1) : Math.round(value)} ${unit}`;
}
