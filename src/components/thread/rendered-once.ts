// A thread page's messages render once per build, not once per view: the flat and the nested view of a
// page show the same messages with the same markup (only the wrapper indents them), and Astro renders a
// thread's views one after the other. Keeps the current page's messages only, so memory stays flat.
// Off outside production builds: the dev server must show an edited note on the next request.

let group = '';
let html = new Map<string, string>();

/** The HTML `render` produces for `key` within `page`, rendered at most once while that page is current. */
export async function renderedOnce(
  page: string,
  key: string,
  render: () => Promise<string>,
  enabled: boolean = import.meta.env.PROD,
): Promise<string> {
  if (!enabled) return render();
  if (page !== group) {
    group = page;
    html = new Map();
  }
  const cached = html.get(key);
  if (cached !== undefined) return cached;
  const out = await render();
  html.set(key, out);
  return out;
}
