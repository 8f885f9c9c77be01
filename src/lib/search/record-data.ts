// A search result's data read straight from its Pagefind fragment (the page's indexed text, title,
// meta and heading anchors), with an excerpt built only for the section the result list shows.
//
// Pagefind's own `data()` builds an excerpt for every section (message) holding a hit, and each of
// those splits the whole page's text into words again: on a long thread that is dozens of splits of
// 20–50 KB per result, some 10–15 ms of the page's thread per query on a slow machine (profiled with
// the search bench), for excerpts nobody sees. Here the words are split once, and an excerpt is made
// when it is read (the result list reads one per result).
//
// The fragment format and the sections are Pagefind's: gzip holding `pagefind_dcd` then JSON, read
// as the installed Pagefind reads it (a browser test, tests/e2e/search.test.ts, compares the two on
// the same results).

/** One section of a result: the page itself, or a message heading and the words after it. */
export interface SubResult {
  title: string;
  url: string;
  excerpt: string;
  locations: number[];
}

/** What the result list reads of a record (the shape of Pagefind's result data). */
export interface ResultData {
  url: string;
  content: string;
  excerpt: string;
  meta: Record<string, string>;
  sub_results: SubResult[];
}

/** An element Pagefind kept with its id, its text (or set title) and the number of its first word. */
interface Anchor {
  element: string;
  id: string;
  text?: string;
  title?: string;
  location: number;
}

/** A fragment as Pagefind writes it (the fields read here). */
export interface Fragment {
  url: string;
  content: string;
  meta: Record<string, string>;
  anchors: Anchor[];
  /** The record's filter values (the build's facet index reads them). */
  filters?: Record<string, string[]>;
}

/** The bytes Pagefind puts before a fragment's JSON, inside the gzip. */
const SIGNATURE = 'pagefind_dcd';

/** Words per excerpt: Pagefind's default, which the result list was made for. */
export const EXCERPT_WORDS = 30;

/**
 * Reads a fragment file's bytes: already unpacked (served with Content-Encoding: gzip) or still gzip
 * (served as stored), unpacked then with the browser's own DecompressionStream.
 */
export async function readFragment(bytes: Uint8Array): Promise<Fragment> {
  const decoder = new TextDecoder();
  let data = bytes;
  if (decoder.decode(data.subarray(0, SIGNATURE.length)) !== SIGNATURE) {
    if (data[0] !== 0x1f || data[1] !== 0x8b) throw new Error('not a Pagefind fragment');
    const unpacked = new Blob([data as BlobPart]).stream().pipeThrough(new DecompressionStream('gzip'));
    data = new Uint8Array(await new Response(unpacked).arrayBuffer());
    if (decoder.decode(data.subarray(0, SIGNATURE.length)) !== SIGNATURE) {
      throw new Error('not a Pagefind fragment (no signature after unpacking)');
    }
  }
  return JSON.parse(decoder.decode(data.subarray(SIGNATURE.length))) as Fragment;
}

/** Text with `<`, `>` and `&` as entities: excerpts are escaped text with <mark> around hits. */
function escapeText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** `url` with the fragment `id`, written as a URL object writes it (as Pagefind links sections). */
function withHash(url: string, id: string): string {
  const absolute = /^(https?:)?\/\//.test(url);
  try {
    const parsed = new URL(absolute ? url : `https://example.com${url.startsWith('/') ? '' : '/'}${url}`);
    parsed.hash = id;
    return absolute ? parsed.toString() : parsed.toString().replace(/^https:\/\/example\.com/, '');
  } catch {
    return `${url}#${id}`;
  }
}

/**
 * The first word of the excerpt for `hits` (sorted word numbers) inside [from, to): the window of
 * `length` words holding the most hits, with those hits in its middle.
 */
export function excerptStart(hits: readonly number[], from: number, to: number, length: number): number {
  let best = 0;
  let bestFirst = -1;
  let bestLast = -1;
  let last = 0;
  for (let first = 0; first < hits.length; first += 1) {
    last = Math.max(last, first);
    while (last + 1 < hits.length && (hits[last + 1] as number) < (hits[first] as number) + length) last += 1;
    if (last - first + 1 > best) {
      best = last - first + 1;
      bestFirst = hits[first] as number;
      bestLast = hits[last] as number;
    }
  }
  if (bestFirst < 0) return from;
  const centred = bestFirst - Math.floor((length - (bestLast - bestFirst + 1)) / 2);
  return Math.max(from, Math.min(centred, to - length));
}

/**
 * The result data for a fragment and the word numbers the query matched in it (Pagefind's
 * `result.words`): one section per message heading holding a hit (or the page's start before any
 * heading), as Pagefind lists them. Excerpts are made when read.
 */
export function recordData(fragment: Fragment, hits: readonly number[], length = EXCERPT_WORDS): ResultData {
  // Pagefind numbers words by its own segmentation; where it marked word ends with zero-width
  // spaces the text is split on those, else on white space but U+FEFF (as Pagefind's own excerpts do).
  const spaced = fragment.content.includes('\u200B');
  let words: string[] | null = null;
  const excerpt = (from: number, to: number, locations: readonly number[]) => {
    words ??= spaced ? fragment.content.split('\u200B') : fragment.content.split(/[^\S\uFEFF]+/g);
    const end = Math.min(to, words.length);
    const start = excerptStart(locations, from, end, length);
    const marked = new Set(locations);
    const out: string[] = [];
    for (let i = start; i < Math.min(start + length, end); i += 1) {
      const word = escapeText(words[i] ?? '');
      out.push(marked.has(i) ? `<mark>${word}</mark>` : word);
    }
    return out.join(spaced ? '' : ' ').trim();
  };
  const sorted = [...new Set(hits)].sort((a, b) => a - b);
  // Sections start at headings, or at any element given a title (Pagefind's rules); every section
  // links to the record's page, which for a later part of a long thread is the thread's (meta url).
  const page = fragment.meta.url || fragment.url;
  const anchors = fragment.anchors
    .filter((a) => /\S/.test(a.title ?? '') || (/^h\d$/i.test(a.element) && /\S/.test(a.text ?? '')))
    .sort((a, b) => a.location - b.location);
  // The page's start (before any heading), then one section per heading, each up to the next.
  const starts = [
    { title: fragment.meta.title ?? '', url: page, from: 0 },
    ...anchors.map((a) => ({ title: a.title || a.text || '', url: withHash(page, a.id), from: a.location })),
  ];
  const sections: { title: string; url: string; from: number; to: number; locations: number[] }[] = [];
  let at = 0;
  starts.forEach((start, i) => {
    const to = starts[i + 1]?.from ?? Infinity;
    const locations: number[] = [];
    for (; at < sorted.length && (sorted[at] as number) < to; at += 1) {
      if ((sorted[at] as number) >= start.from) locations.push(sorted[at] as number);
    }
    if (locations.length > 0) sections.push({ ...start, to, locations });
  });
  const lazyExcerpt = <T extends object>(
    target: T,
    from: number,
    to: number,
    locations: readonly number[],
  ) => {
    let made: string | null = null;
    return Object.defineProperty(target, 'excerpt', {
      enumerable: true,
      get: () => {
        made ??= excerpt(from, to, locations);
        return made;
      },
    }) as T & { excerpt: string };
  };
  return lazyExcerpt(
    {
      url: fragment.url,
      content: spaced ? fragment.content.replace(/\u200B/g, '') : fragment.content,
      meta: fragment.meta,
      sub_results: sections.map((s) =>
        lazyExcerpt({ title: s.title, url: s.url, locations: s.locations }, s.from, s.to, s.locations),
      ),
    },
    0,
    Infinity,
    sorted,
  );
}
