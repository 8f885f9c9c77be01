// What of a built page the search index needs. Pagefind parses every byte handed to it, then drops
// what is marked data-pagefind-ignore (quoted text, code blocks: most of a mail page) and keeps an
// `anchors` entry for every element with an id (each paragraph of every message: a third of each
// fragment the browser downloads per result). Results only ever use the message headings' ids
// (sub-results), so the page is handed over without ignored regions and with ids on headings only:
// the same words at the same positions, parsed in less time, in smaller fragments.
//
// Written by hand, not with an HTML parser: it runs over every page of a 15k-message build (200 MB),
// and only has to read our own markup, where mail text is escaped, so every `<` outside scripts,
// styles and comments opens or closes a tag.

/** Elements whose `id` Pagefind turns into sub-results, which the search page links to. */
const KEEPS_ID = /^h[1-6]$/;
/** Elements that have no end tag. */
const VOID = new Set([
  'area',
  'base',
  'br',
  'col',
  'embed',
  'hr',
  'img',
  'input',
  'link',
  'meta',
  'source',
  'track',
  'wbr',
]);
/** Elements whose content is raw text, read up to their end tag. */
const RAW_TEXT = new Set(['script', 'style']);

/** A start tag as read: its name, where it ends, and its attributes' text. */
interface StartTag {
  name: string;
  end: number;
  selfClosing: boolean;
  attributes: string;
}

/** Reads the start tag opening at `at` (the `<`), respecting quoted attribute values; null if it is none. */
function readStartTag(html: string, at: number): StartTag | null {
  const nameMatch = /^<([a-zA-Z][a-zA-Z0-9-]*)/.exec(html.slice(at, at + 40));
  if (!nameMatch) return null;
  let i = at + nameMatch[0].length;
  let quote = '';
  for (; i < html.length; i += 1) {
    const c = html[i];
    if (quote) {
      if (c === quote) quote = '';
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '>') break;
  }
  const attributes = html.slice(at + nameMatch[0].length, i);
  return {
    name: (nameMatch[1] as string).toLowerCase(),
    end: i + 1,
    selfClosing: attributes.endsWith('/'),
    attributes,
  };
}

const IGNORED = /(?:^|\s)data-pagefind-ignore(?=[\s=/]|$)/;
const HAS_ID = /(?:^|\s)id(?=[\s=/]|$)/;

/**
 * True when the attributes' text has the attribute `name` (which `pattern` finds), outside quoted
 * values. Most tags have no such text at all: they are passed without the quote-stripping copy.
 */
function hasAttribute(attributes: string, name: string, pattern: RegExp): boolean {
  return attributes.includes(name) && pattern.test(attributes.replace(/"[^"]*"|'[^']*'/g, '""'));
}

/** One pattern per tag name, for start and end tags of it (elementEnd, rawTextEnd). */
const TAG_PATTERNS = new Map<string, RegExp>();

function tagPattern(source: string): RegExp {
  let pattern = TAG_PATTERNS.get(source);
  if (!pattern) {
    pattern = new RegExp(source, 'gi');
    TAG_PATTERNS.set(source, pattern);
  }
  return pattern;
}

/** The attributes' text without its `id` attribute. */
function withoutId(attributes: string): string {
  return attributes.replace(/(^|\s)id=(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+)/, '');
}

/** Where the content opened by the start tag `tag` (ending at `from`) ends: after its matching end tag. */
function elementEnd(html: string, tag: StartTag, from: number): number {
  if (tag.selfClosing || VOID.has(tag.name)) return from;
  const pattern = tagPattern(`<(/?)${tag.name}(?=[\\s/>])`);
  pattern.lastIndex = from;
  let depth = 1;
  for (let m = pattern.exec(html); m; m = pattern.exec(html)) {
    const close = html.indexOf('>', m.index);
    if (close < 0) break;
    if (m[1]) depth -= 1;
    else if (!html.slice(m.index, close).endsWith('/')) depth += 1;
    if (depth === 0) return close + 1;
    pattern.lastIndex = close + 1;
  }
  return html.length;
}

/** Where the raw text (of a script or style) starting at `from` ends: at its end tag. */
function rawTextEnd(html: string, name: string, from: number): number {
  const pattern = tagPattern(`</${name}`);
  pattern.lastIndex = from;
  return pattern.exec(html)?.index ?? html.length;
}

/**
 * The page as the search index needs it: elements marked data-pagefind-ignore left out with their
 * content, and `id` attributes kept on headings only. Comments (the index-part marks) stay.
 */
export function indexedHtml(html: string): string {
  const out: string[] = [];
  let copied = 0;
  let at = html.indexOf('<');
  while (at >= 0) {
    if (html.startsWith('<!--', at)) {
      const close = html.indexOf('-->', at + 4);
      at = close < 0 ? -1 : html.indexOf('<', close + 3);
      continue;
    }
    const tag = readStartTag(html, at);
    if (!tag) {
      at = html.indexOf('<', at + 1);
      continue;
    }
    if (hasAttribute(tag.attributes, 'data-pagefind-ignore', IGNORED)) {
      out.push(html.slice(copied, at));
      copied = elementEnd(html, tag, tag.end);
      at = html.indexOf('<', copied);
      continue;
    }
    if (!KEEPS_ID.test(tag.name) && hasAttribute(tag.attributes, 'id', HAS_ID)) {
      out.push(html.slice(copied, at), `<${tag.name}${withoutId(tag.attributes)}>`);
      copied = tag.end;
    }
    // A script's or style's text may hold `<`: go on from its end tag.
    at = RAW_TEXT.has(tag.name) ? rawTextEnd(html, tag.name, tag.end) : html.indexOf('<', tag.end);
  }
  out.push(html.slice(copied));
  return out.join('');
}
