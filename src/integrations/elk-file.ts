// A Vite plugin for the browser build: ELK, the layout engine the diagram renderer (beautiful-mermaid)
// imports, is written as a file of its own instead of being bundled. elkjs ships it as one 1.6 MB
// compiled script; parsing and bundling it took about 1 s of each build's 1.6 s browser bundle (measured
// with and without it), in full and incremental builds alike, for code that never changes between them.
// The file is the script as shipped, wrapped so the browser loads it as a module: the renderer's chunk
// imports it on first use, as it imported the bundled copy, and the server side (Node) is unchanged.

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Plugin } from 'vite';

/** What beautiful-mermaid imports: elkjs's browser build (a UMD script that sets `module.exports`). */
export const ELK_SCRIPT = 'elkjs/lib/elk.bundled.js';

const VIRTUAL_ID = '\0lockstep-elk';

/** The module text of the separate file: `script` given a `module` to fill, its exports as the default. */
export function elkModuleText(script: string): string {
  return [
    'const module = { exports: {} };',
    '(function (module, exports) {',
    script,
    '})(module, module.exports);',
    'export default module.exports;',
    '',
  ].join('\n');
}

/** The plugin: in the client build only, `ELK_SCRIPT` becomes an import of its own emitted file. */
export function elkAsFile(): Plugin {
  const require = createRequire(import.meta.url);
  return {
    name: 'lockstep-elk-file',
    apply: 'build',
    applyToEnvironment: (environment) => environment.name === 'client',
    // Before Vite's own resolver, which would find the script in node_modules first.
    enforce: 'pre',
    resolveId: (source) => (source === ELK_SCRIPT ? VIRTUAL_ID : null),
    load(id) {
      if (id !== VIRTUAL_ID) return null;
      const reference = this.emitFile({
        type: 'asset',
        name: 'elk.js',
        source: elkModuleText(readFileSync(require.resolve(ELK_SCRIPT), 'utf8')),
      });
      // The renderer builds ELK synchronously once loaded, so its module waits for the file here.
      return `const loaded = await import(/* @vite-ignore */ import.meta.ROLLUP_FILE_URL_${reference});\nexport default loaded.default;\n`;
    },
  };
}
