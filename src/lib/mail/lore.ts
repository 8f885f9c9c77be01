// lore.kernel.org (public-inbox) addresses: how a Message-ID is written into a URL, the permalink of a
// message, and reading the Message-ID back out of what people paste (`<id>`, `id:…`, lore URLs).
// Upstream: public-inbox lib/PublicInbox/MID.pm (mid_escape) and WWW.pm (the URL layout).

/** The archive Lockstep links to and fetches from unless told otherwise. */
export const LORE_ALL = 'https://lore.kernel.org/all';

// public-inbox keeps RFC 3986 unreserved characters and these sub-delimiters, and escapes the rest
// (`/`, `%`, `?`, `#`, spaces, non-ASCII) as %XX of the UTF-8 bytes.
const KEEP = /[A-Za-z0-9\-._~!$&'()*+,;=:@]/;

/** A Message-ID as public-inbox writes it in a URL path segment. */
export function loreEscape(messageId: string): string {
  let out = '';
  for (const ch of messageId) {
    if (KEEP.test(ch)) out += ch;
    else
      for (const b of new TextEncoder().encode(ch))
        out += `%${b.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

/** `<base>/<id>/`: the message's page on a public-inbox archive (lore's permalink). */
export function lorePermalink(messageId: string, base = LORE_ALL): string {
  return `${base.replace(/\/+$/, '')}/${loreEscape(messageId)}/`;
}

/** `<base>/<id>/t.mbox.gz`: the whole thread holding the message, as gzip mboxrd. */
export function loreThreadMboxUrl(messageId: string, base = LORE_ALL): string {
  return `${lorePermalink(messageId, base)}t.mbox.gz`;
}

/** `<base>/?q=<id>`: a search of the archive for the Message-ID. */
export function loreSearchUrl(messageId: string, base = LORE_ALL): string {
  return `${base.replace(/\/+$/, '')}/?q=${encodeURIComponent(`m:${messageId}`)}`;
}

/** What a user named: a Message-ID, and the archive a URL pointed at (when it was a URL). */
export interface LoreRef {
  /** Message-ID without angle brackets. */
  messageId: string;
  /** `https://host/<list>` when the reference was an archive URL; absent for a bare Message-ID. */
  base?: string;
}

// Path endings of a message on public-inbox (WWW.pm $END_RE and the convenience redirects).
const ENDINGS = new Set(['T', 't', 'raw', 't.mbox.gz', 't.mbox', 't.atom', 'f', 'R', '']);
// Hosts that redirect a bare Message-ID to lore (`/r/<id>`, b4's patch.msgid.link).
const REDIRECTORS = /^(?:patch\.)?msgid\.link$/;

/**
 * Reads a Message-ID from `<id>`, `id:id`/`mid:id`, a bare id, or a public-inbox URL
 * (`https://lore.kernel.org/<list>/<id>/`, with `T/`, `t/`, `raw`, `t.mbox.gz`, a `#fragment`, or
 * `/r/<id>`); null when the text holds none.
 */
export function parseLoreRef(input: string): LoreRef | null {
  const text = input.trim();
  if (/^https?:\/\//i.test(text)) return parseUrl(text);
  const id = text
    .replace(/^(?:id|mid):/i, '')
    .replace(/^<(.*)>$/, '$1')
    .trim();
  return validId(id) ? { messageId: id } : null;
}

function parseUrl(text: string): LoreRef | null {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return null;
  }
  const parts = url.pathname.split('/').slice(1);
  while (parts.length > 0 && ENDINGS.has(parts.at(-1) as string)) parts.pop();
  const decoded = (segments: string[]) => {
    try {
      return decodeURIComponent(segments.join('/'));
    } catch {
      return '';
    }
  };
  if (REDIRECTORS.test(url.hostname)) {
    const id = decoded(parts);
    return validId(id) ? { messageId: id } : null;
  }
  if (parts.length < 2) return null;
  const list = parts[0] as string;
  // A Message-ID holding `/` may come unescaped: everything after the list is the id.
  const id = decoded(parts.slice(1));
  if (!validId(id)) return null;
  return list === 'r'
    ? { messageId: id, base: `${url.origin}/all` }
    : { messageId: id, base: `${url.origin}/${list}` };
}

function validId(id: string): boolean {
  return id !== '' && !/[\s<>]/.test(id) && id.length <= 998;
}
