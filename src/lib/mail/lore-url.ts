// Links to lore.kernel.org (public-inbox) by Message-ID, escaped as public-inbox escapes ids in URLs.

/** lore's catch-all inbox: it finds a message by Message-ID whatever list carried it. */
export const LORE_ALL = 'https://lore.kernel.org/all';

/**
 * A Message-ID as a URL path segment the way public-inbox writes it (mid_escape): RFC 3986 unreserved
 * and sub-delim characters, `:` and `@` stay; everything else (`/`, `%`, `#`, `?`, spaces …) is %-escaped.
 */
export function loreEscape(messageId: string): string {
  return encodeURIComponent(messageId).replace(
    /%(21|24|26|27|28|29|2A|2B|2C|3B|3D|3A|40)/g,
    (_m, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)),
  );
}

/** The message's page on lore (`…/all/<id>/`), id without angle brackets. */
export function loreMessageUrl(messageId: string, base = LORE_ALL): string {
  return `${base}/${loreEscape(messageId)}/`;
}

/** The whole thread holding the message, as gzipped mboxrd (`…/<id>/t.mbox.gz`), for `npm run import`. */
export function loreThreadMboxUrl(messageId: string, base = LORE_ALL): string {
  return `${loreMessageUrl(messageId, base)}t.mbox.gz`;
}
