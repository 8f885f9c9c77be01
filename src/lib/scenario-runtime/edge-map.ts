// Reads the `%% edge N <id>` comments lockGraphMermaid() writes before each edge, so drawn edge N can
// be matched with the edge ids trace steps carry (`cm->mad`, `timer:x~>cm`).

/** Edge ids indexed by drawing order, from a lock graph's Mermaid text. */
export function graphEdgeIds(mermaid: string): string[] {
  const ids: string[] = [];
  for (const m of mermaid.matchAll(/^\s*%% edge (\d+) (\S+)\s*$/gm)) {
    const [, index, id] = m;
    if (index !== undefined && id !== undefined) ids[Number(index)] = id;
  }
  return ids;
}
