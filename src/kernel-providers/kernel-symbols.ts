// What pages need about a kernel version: facts made exact by a tree when there is one, and excerpts.
import { contextExcerpt, definitionExcerpt, type Excerpt } from '../lib/kernel/excerpt.ts';
import { createLookup, type SymbolLookup, symbolKey } from '../lib/kernel/lookup.ts';
import type { KernelFacts, SymbolDef } from '../lib/kernel/types.ts';
import { elixirUrl, gitKernelUrl, symbolPagePath } from '../lib/kernel/urls.ts';
import { cParser } from './c-parser.ts';
import { extractSymbols } from './c-symbols.ts';
import { DEFAULT_FACTS_DIR, loadFacts } from './facts.ts';
import type { KernelSourceProvider } from './types.ts';

/** One kernel version as loaded for a build. */
export interface KernelVersion {
  version: string;
  /** The facts, with lines refreshed from source when a provider could read it. */
  facts: KernelFacts;
  lookup: SymbolLookup;
  /** Every definition parsed from the facts' files (empty when no provider had the source). */
  parsed: Map<string, SymbolDef[]>;
  /** Reads a file through the providers in order (memoized); null when none has it. */
  readSource(file: string): Promise<{ text: string; provider: string } | null>;
}

/** A symbol as a popover, note or page shows it. */
export interface SymbolView {
  version: string;
  key: string;
  def: SymbolDef;
  /** Our symbol page. */
  page: string;
  elixir: string;
  gitKernel: string;
  /** The excerpt, or null: then the view is a link card (file:line and external links only). */
  excerpt: Excerpt | null;
  /** Which provider gave the excerpt, or null for a link card. */
  provider: string | null;
  /** How the fact was established (the facts file's `verified` note), when it says. */
  verified?: string;
}

/** Where facts are and which providers to try, in order. */
export interface KernelSymbolsOptions {
  factsDir?: string;
  providers: KernelSourceProvider[];
}

/** The kernel-symbol service: loads versions once and builds views of their symbols. */
export interface KernelSymbols {
  /** The version's facts and lookup, or null when it has no facts file. */
  version(version: string): Promise<KernelVersion | null>;
  /** A view of a symbol by key, with a short excerpt (`context`) or the whole definition (`definition`). */
  view(
    version: string,
    key: string,
    mode?: 'context' | 'definition',
    highlight?: number[],
  ): Promise<SymbolView | null>;
}

/** Creates the service. Everything is memoized per process: a build loads each version and file once. */
export function createKernelSymbols(options: KernelSymbolsOptions): KernelSymbols {
  const versions = new Map<string, Promise<KernelVersion | null>>();
  const load = (version: string): Promise<KernelVersion | null> => {
    let hit = versions.get(version);
    if (!hit) {
      hit = loadVersion(version, options);
      versions.set(version, hit);
    }
    return hit;
  };
  return {
    version: load,
    async view(version, key, mode = 'context', highlight = []) {
      const kv = await load(version);
      const def = kv?.facts.symbols.find((d) => symbolKey(d) === key);
      if (!kv || !def) return null;
      const source = def.line ? await kv.readSource(def.file) : null;
      let excerpt: Excerpt | null = null;
      if (source && def.line) {
        if (mode === 'context') excerpt = contextExcerpt(source.text, def.line);
        else {
          // A field is shown inside its whole struct, with the field's line highlighted.
          const container = def.kind === 'field' ? findContainer(kv.parsed.get(def.file), def) : undefined;
          excerpt = container
            ? withHighlight(definitionExcerpt(source.text, container, highlight), def.line)
            : definitionExcerpt(source.text, def, highlight);
        }
      }
      return {
        version,
        key,
        def,
        page: symbolPagePath(version, key),
        elixir: elixirUrl(version, def.file, def.line),
        gitKernel: gitKernelUrl(version, def.file, def.line),
        excerpt,
        provider: excerpt ? (source?.provider ?? null) : null,
        ...(kv.facts.verified?.[key] ? { verified: kv.facts.verified[key] } : {}),
      };
    },
  };
}

async function loadVersion(version: string, options: KernelSymbolsOptions): Promise<KernelVersion | null> {
  const facts = await loadFacts(version, options.factsDir ?? DEFAULT_FACTS_DIR);
  if (!facts) return null;
  const files = new Map<string, Promise<{ text: string; provider: string } | null>>();
  const readSource = (file: string): Promise<{ text: string; provider: string } | null> => {
    let hit = files.get(file);
    if (!hit) {
      hit = readThrough(options.providers, version, file);
      files.set(file, hit);
    }
    return hit;
  };
  const { facts: refreshed, parsed } = await refreshFromSource(facts, readSource);
  return { version, facts: refreshed, lookup: createLookup(refreshed), parsed, readSource };
}

async function readThrough(
  providers: KernelSourceProvider[],
  version: string,
  file: string,
): Promise<{ text: string; provider: string } | null> {
  for (const provider of providers) {
    const text = await provider.readFile(version, file);
    if (text !== null) return { text, provider: provider.name };
  }
  return null;
}

// With source at hand, the parser's lines replace the recorded ones: the tree is the truth.
async function refreshFromSource(
  facts: KernelFacts,
  readSource: (file: string) => Promise<{ text: string } | null>,
): Promise<{ facts: KernelFacts; parsed: Map<string, SymbolDef[]> }> {
  const byFile = new Map<string, SymbolDef[]>();
  for (const file of new Set(facts.symbols.map((d) => d.file))) {
    const source = await readSource(file);
    if (!source) continue;
    byFile.set(file, extractSymbols(await cParser(), file, source.text).symbols);
  }
  if (byFile.size === 0) return { facts, parsed: byFile };
  const symbols = facts.symbols.map((fact) => {
    const parsed = byFile.get(fact.file);
    const hit = parsed?.find(
      (d) => d.name === fact.name && d.kind === fact.kind && d.container === fact.container,
    );
    if (parsed && !hit) {
      // The file is there but does not define the fact: the facts file is wrong for this version. Say so.
      console.warn(`kernel facts v${facts.version}: ${fact.kind} ${fact.name} not found in ${fact.file}`);
    }
    return hit ? { ...fact, line: hit.line, ...(hit.endLine ? { endLine: hit.endLine } : {}) } : fact;
  });
  return { facts: { ...facts, symbols }, parsed: byFile };
}

function findContainer(parsed: SymbolDef[] | undefined, field: SymbolDef): SymbolDef | undefined {
  return parsed?.find((d) => (d.kind === 'struct' || d.kind === 'union') && d.name === field.container);
}

function withHighlight(excerpt: Excerpt, line: number): Excerpt {
  return { ...excerpt, highlight: [...new Set([...excerpt.highlight, line])].sort((a, b) => a - b) };
}
