// Checks an Atom document with a real XML parser (fast-xml-parser) and RFC 4287's rules for the
// elements Lockstep writes: well-formed XML, the Atom namespace, required feed and entry elements,
// RFC 3339 dates, absolute IRIs, unique entry ids. Returns the problems found (empty when valid).
import { XMLParser, XMLValidator } from 'fast-xml-parser';

const RFC3339 = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?(?:Z|[+-]\d\d:\d\d)$/;

type Node = Record<string, unknown>;
const list = (v: unknown): Node[] => (v === undefined ? [] : Array.isArray(v) ? (v as Node[]) : [v as Node]);
const text = (v: unknown): string =>
  typeof v === 'object' && v !== null ? String((v as Node)['#text'] ?? '') : String(v ?? '');

/** Problems of an Atom 1.0 feed; also returns the parsed entries for further checks. */
export function checkAtom(xml: string): { problems: string[]; entries: Node[]; feed: Node } {
  const problems: string[] = [];
  const valid = XMLValidator.validate(xml);
  if (valid !== true)
    return {
      problems: [`not well-formed XML: ${valid.err.msg} (line ${valid.err.line})`],
      entries: [],
      feed: {},
    };
  const doc = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '@',
    parseTagValue: false,
  }).parse(xml) as Node;
  const feed = doc.feed as Node | undefined;
  if (!feed) return { problems: ['root element is not <feed>'], entries: [], feed: {} };
  if (feed['@xmlns'] !== 'http://www.w3.org/2005/Atom') problems.push('feed is not in the Atom namespace');
  const absolute = (what: string, v: string) => {
    try {
      new URL(v);
    } catch {
      problems.push(`${what} is not an absolute IRI: ${v}`);
    }
  };
  for (const name of ['id', 'title', 'updated'])
    if (list(feed[name]).length !== 1) problems.push(`feed needs exactly one <${name}>`);
  absolute('feed id', text(feed.id));
  if (!RFC3339.test(text(feed.updated))) problems.push(`feed updated is not RFC 3339: ${text(feed.updated)}`);
  if (!list(feed.link).some((l) => l['@rel'] === 'self')) problems.push('feed has no rel="self" link');
  const feedAuthor = list(feed.author).length > 0;
  const entries = list(feed.entry);
  const ids = new Set<string>();
  entries.forEach((e, i) => {
    for (const name of ['id', 'title', 'updated'])
      if (list(e[name]).length !== 1) problems.push(`entry ${i} needs exactly one <${name}>`);
    const id = text(e.id);
    absolute(`entry ${i} id`, id);
    if (ids.has(id)) problems.push(`entry id repeated: ${id}`);
    ids.add(id);
    if (!RFC3339.test(text(e.updated)))
      problems.push(`entry ${i} updated is not RFC 3339: ${text(e.updated)}`);
    if (e.published !== undefined && !RFC3339.test(text(e.published)))
      problems.push(`entry ${i} published is not RFC 3339`);
    if (!feedAuthor && list(e.author).length === 0)
      problems.push(`entry ${i} has no author and the feed none either`);
    const links = list(e.link);
    if (!links.some((l) => (l['@rel'] ?? 'alternate') === 'alternate'))
      problems.push(`entry ${i} has no alternate link`);
    for (const l of links) absolute(`entry ${i} link`, String(l['@href']));
  });
  return { problems, entries, feed };
}
