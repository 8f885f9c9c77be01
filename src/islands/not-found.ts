// <ls-not-found>: on the 404 page, reads a Message-ID out of the address and points to it on lore
// (permalink and search), on this site's search, and to the import command.
import { lorePermalink, loreSearchUrl } from '../lib/mail/lore.ts';
import { shellQuote } from '../lib/mail/reply-links.ts';

/** The Message-ID an address names, if any: `/r/<id>/…`, `/<list>/<id>/…` as on lore, or a segment with `@`. */
export function messageIdFromPath(pathname: string): string | null {
  let path: string;
  try {
    path = decodeURIComponent(pathname);
  } catch {
    return null;
  }
  const parts = path.split('/').filter((p) => p !== '');
  while (parts.length > 0 && /^(?:raw|raw\.eml|m\.mbox|t\.mbox\.gz|T|t)$/.test(parts.at(-1) as string))
    parts.pop();
  const id = parts[0] === 'r' ? parts.slice(1).join('/') : parts.find((p) => p.includes('@'));
  const clean = (id ?? '').replace(/^<(.*)>$/, '$1');
  return clean.includes('@') && !/[\s<>]/.test(clean) ? clean : null;
}

class LsNotFound extends HTMLElement {
  connectedCallback() {
    const id = messageIdFromPath(location.pathname);
    if (!id) return;
    const section = this.querySelector<HTMLElement>('[data-message]');
    if (!section) return;
    const set = (selector: string, apply: (el: HTMLElement) => void) => {
      const el = section.querySelector<HTMLElement>(selector);
      if (el) apply(el);
    };
    set('[data-id]', (el) => {
      el.textContent = `<${id}>`;
    });
    set('[data-lore]', (el) => el.setAttribute('href', lorePermalink(id)));
    set('[data-lore-search]', (el) => el.setAttribute('href', loreSearchUrl(id)));
    set('[data-site-search]', (el) => el.setAttribute('href', `/search/?q=${encodeURIComponent(id)}`));
    set('[data-import]', (el) => {
      el.textContent = `npm run import -- --lore ${shellQuote(id)}`;
    });
    section.hidden = false;
  }
}

if (!customElements.get('ls-not-found')) customElements.define('ls-not-found', LsNotFound);
