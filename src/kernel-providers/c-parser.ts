// Loading tree-sitter's C grammar (WebAssembly build, so no native compiler is needed at install time).
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { Language, Parser } from 'web-tree-sitter';

let ready: Promise<Parser> | undefined;

/** A tree-sitter parser set to C, created once per process. */
export function cParser(): Promise<Parser> {
  ready ??= (async () => {
    await Parser.init();
    const language = await Language.load(grammarPath());
    return new Parser().setLanguage(language);
  })();
  return ready;
}

// Resolved from this module, or from the working directory when a bundler has moved this code elsewhere
// (an Astro build runs bundled chunks, possibly outside the project, but always from the project root).
function grammarPath(): string {
  const wasm = 'tree-sitter-c/tree-sitter-c.wasm';
  try {
    return createRequire(import.meta.url).resolve(wasm);
  } catch {
    return createRequire(join(process.cwd(), 'package.json')).resolve(wasm);
  }
}
