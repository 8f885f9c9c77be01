// The sentence under a definition that says where its file and line come from (symbol pages, notes).

import { versionTag } from '../../lib/kernel/versions.ts';
import type { SymbolView } from '../../site-data/kernel-symbols.ts';

/**
 * "Line from the v2.6.30 tree …" when the fact has a line (checked against a tree of that exact
 * version), "File only …" when it has none: no tree of that version was at hand, and a line number
 * from another version would point at the wrong code.
 */
export function provenanceText(view: Pick<SymbolView, 'version' | 'def' | 'excerpt' | 'verified'>): string {
  const tag = versionTag(view.version);
  const how = view.verified ? `: ${view.verified}` : '';
  if (view.def.line !== null) {
    const shown = view.excerpt ? ' The excerpt is read from that tree at build time.' : '';
    return `Line from the ${tag} tree itself${how}.${shown}`;
  }
  return (
    `File only: there is no ${tag} tree here, and a line number from another version could point at the ` +
    `wrong code, so none is given.${view.verified ? ` Where the file comes from: ${view.verified}.` : ''}`
  );
}
