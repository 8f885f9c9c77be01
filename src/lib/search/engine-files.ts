// Where Pagefind's engine is served: its script, and the WebAssembly it loads for the site's
// language (pages are `lang="en"`, so Pagefind writes and picks `wasm.en.pagefind`). The search page
// asks for both while it loads (<link rel="preload">), and the build checks that Pagefind wrote them.

/** Where Pagefind writes its bundle (script, index, fragments). */
export const ENGINE_BUNDLE = '/pagefind/';

/** Pagefind's script, imported by the search page and the header's search box. */
export const ENGINE_SCRIPT = `${ENGINE_BUNDLE}pagefind.js`;

/** Pagefind's WebAssembly for English pages. */
export const ENGINE_WASM = '/pagefind/wasm.en.pagefind';
