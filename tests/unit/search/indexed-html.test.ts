import { gunzipSync } from 'node:zlib';
import * as pagefind from 'pagefind';
import { afterAll, describe, expect, it } from 'vitest';
import { indexedHtml } from '../../../src/lib/search/indexed-html.ts';

/** A thread page as the site writes one, small: quotes nest, paragraphs carry ids, code is ignored. */
const PAGE = `<!DOCTYPE html><html><head><title>t</title><script>if (a < b) document.write('<div data-pagefind-ignore>')</script></head>
<body><main data-pagefind-body><h1 id="top">Thread about cm_id_priv-&gt;lock</h1>
<!--ls:message 120--><article id="m1"><h2 id="m1">First message</h2>
<p id="m1-p1"><a href="#m1-p1"></a>The timer callback takes cm_id_priv-&gt;lock with interrupts on.</p>
<details class="quote" open data-pagefind-ignore><summary>On Monday someone wrote:</summary><blockquote><p id="m1-p2">outer quoted words</p>
<details class="quote depth-2" data-pagefind-ignore><summary>Quoted text</summary><blockquote><p>inner quoted words</p></blockquote></details>
<p>still outer quoted</p></blockquote></details>
<p id="m1-p3" title="a &gt; b > c" data-note="data-pagefind-ignore">del_timer_sync waits for the handler.</p>
<div data-pagefind-ignore data-code-block id="m1-c1"><pre>spin_lock_irqsave(&amp;lock, flags);</pre></div>
<input id="view-flat" data-pagefind-ignore type="radio"><p>After the code.</p></article>
<!--ls:messages-end--></main></body></html>`;

describe('indexedHtml', () => {
  const slim = indexedHtml(PAGE);

  it('leaves out ignored elements with all they hold, nested ones included', () => {
    expect(slim).not.toContain('quoted');
    expect(slim).not.toContain('spin_lock_irqsave');
    expect(slim).not.toContain('view-flat');
    expect(slim).toContain('<p>After the code.</p>');
  });

  it('keeps ids on headings only, and every other attribute', () => {
    expect(slim).toContain('<h1 id="top">');
    expect(slim).toContain('<h2 id="m1">');
    expect(slim).not.toMatch(/<(p|article|div)[^>]* id=/);
    expect(slim).toContain('<p title="a &gt; b > c" data-note="data-pagefind-ignore">del_timer_sync');
  });

  it('reads script text as text and keeps comments (the index-part marks)', () => {
    expect(slim).toContain("document.write('<div data-pagefind-ignore>')</script>");
    expect(slim).toContain('<!--ls:message 120-->');
    expect(slim).toContain('<!--ls:messages-end-->');
  });

  it('returns a page without ignored regions or ids unchanged', () => {
    const plain = '<main data-pagefind-body><h2 id="x">a</h2><p class="y">b &lt;c&gt;</p></main>';
    expect(indexedHtml(plain)).toBe(plain);
  });

  describe('as Pagefind reads it', () => {
    afterAll(() => pagefind.close());

    /** The record Pagefind makes of `html` (its fragment), with only the headings among its anchors. */
    async function fragment(html: string) {
      const { index } = await pagefind.createIndex({ includeCharacters: '_' });
      if (!index) throw new Error('Pagefind did not start');
      await index.addHTMLFile({ url: '/threads/t/', content: html });
      const { files } = await index.getFiles();
      const file = files.find((f) => f.path.endsWith('.pf_fragment'));
      if (!file) throw new Error('Pagefind wrote no fragment');
      // A fragment is gzip: a 12-byte signature, then the record as JSON.
      const record = JSON.parse(gunzipSync(file.content).subarray(12).toString('utf8'));
      await index.deleteIndex();
      return {
        ...record,
        anchors: record.anchors.filter((a: { element: string }) => /^h\d$/.test(a.element)),
      };
    }

    it('indexes the same words at the same places, with the same sub-results', async () => {
      const before = await fragment(PAGE);
      const after = await fragment(slim);
      expect(before.content).toContain('del_timer_sync waits');
      expect(after).toEqual(before);
    });
  });
});
