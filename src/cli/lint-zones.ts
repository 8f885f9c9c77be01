// `npm run lint:zones [-- --check]`
// Writes biome.json's import zones (the `noRestrictedImports` overrides) from the small tables below, so
// the dependency rule of docs/architecture.md is stated once: pages → components → site-data → lib,
// integrations → lib (plus importers and loaders), islands → the browser-safe parts of lib, and inside
// lib each folder imports only the folders it names. With --check it writes nothing and exits 1 when
// biome.json differs from the tables (tests/unit/cli/lint-zones.test.ts runs that check).

import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { isDeepStrictEqual } from 'node:util';

/** The folders of src/lib and which other lib folders each may import (itself always). */
export const LIB_FOLDERS: Readonly<Record<string, readonly string[]>> = {
  mail: [],
  kernel: [],
  locks: [],
  lockdep: [],
  diagrams: ['locks', 'lockdep'],
  search: [],
  notes: [],
  'lock-classes': [],
  'report-scenarios': ['locks', 'lockdep'],
  'scenario-runtime': ['locks', 'diagrams'],
  feeds: [],
  shards: [],
  site: [],
};

/** The folders of src outside lib that import zones name. */
const SRC_FOLDERS = [
  'importers',
  'loaders',
  'components',
  'pages',
  'cli',
  'kernel-providers',
  'islands',
  'integrations',
  'site-data',
  'layouts',
  'schemas',
  'git',
] as const;

/** One zone outside lib: files, the src folders they must not import, and why. */
interface Layer {
  includes: string[];
  forbid: string[];
  message: string;
}

/** The layers around lib, in the direction imports may go. */
export const LAYERS: readonly Layer[] = [
  {
    includes: ['src/pages/**'],
    forbid: ['importers', 'loaders', 'kernel-providers', 'integrations', 'cli'],
    message:
      'Pages ask src/site-data and compose components; no importers, loaders or providers (pages → components → site-data → lib).',
  },
  {
    includes: ['src/components/**', 'src/layouts/**'],
    forbid: ['pages', 'importers', 'loaders', 'kernel-providers', 'integrations', 'cli'],
    message:
      'Components render plain props; their data comes from src/site-data (pages → components → site-data → lib).',
  },
  {
    includes: ['src/site-data/**'],
    forbid: ['pages', 'components', 'layouts', 'islands', 'importers', 'integrations', 'cli'],
    message:
      'src/site-data serves pages from lib, the collections and the kernel providers; it imports no renderer.',
  },
  {
    includes: ['src/integrations/**'],
    forbid: ['pages', 'components', 'layouts', 'site-data', 'islands', 'cli'],
    message: 'Integrations run build steps over lib, the importers and the loaders, never over pages.',
  },
];

const NODE_OR_ASTRO = ['node:*', 'astro', 'astro:*', 'astro/*'];
const NOT_IN_ISLANDS = {
  group: [
    '**/components/**',
    '**/pages/**',
    '**/importers/**',
    '**/loaders/**',
    '**/kernel-providers/**',
  ].concat(['**/integrations/**', '**/cli/**']),
  message: 'Islands import only from src/lib and other islands.',
};

/** The browser zones: islands run in the browser and import only what the page may ship. */
const ISLANDS = [
  {
    includes: ['src/islands/**', '!src/islands/decode/**'],
    patterns: [
      { group: NODE_OR_ASTRO, message: 'Islands run in the browser: no Node or Astro imports.' },
      {
        group: [
          ...['mail', 'kernel', 'lockdep', 'notes', 'lock-classes', 'report-scenarios'].map(
            (f) => `../../lib/${f}/*`,
          ),
          ...['mail', 'kernel', 'lockdep', 'notes', 'lock-classes', 'report-scenarios'].map(
            (f) => `../lib/${f}/*`,
          ),
          '!../lib/mail/lore.ts',
          '!../lib/mail/reply-links.ts',
        ],
        message:
          "Islands import only lib/locks, lib/diagrams, lib/scenario-runtime, lib/search and lore's address helpers in lib/mail (see ARCHITECTURE.md).",
      },
      NOT_IN_ISLANDS,
    ],
  },
  {
    includes: ['src/islands/decode/**'],
    patterns: [
      { group: NODE_OR_ASTRO, message: 'Islands run in the browser: no Node or Astro imports.' },
      {
        group: ['mail', 'kernel', 'notes', 'search'].map((f) => `../../lib/${f}/*`),
        message:
          "The /decode/ island reads reports with the site's one parser (lib/lockdep), explains them (lib/lock-classes, lib/report-scenarios, lib/locks, lib/diagrams, lib/scenario-runtime); nothing else.",
      },
      NOT_IN_ISLANDS,
    ],
  },
];

function zone(includes: string[], patterns: { group: string[]; message: string }[]): object {
  return {
    includes,
    linter: { rules: { style: { noRestrictedImports: { level: 'error', options: { patterns } } } } },
  };
}

function libZone(folder: string, allowed: readonly string[]): object {
  const siblings = Object.keys(LIB_FOLDERS).filter((f) => f !== folder && !allowed.includes(f));
  const may = allowed.length > 0 ? `itself, ${allowed.join(', ')}` : 'itself';
  return zone(
    [`src/lib/${folder}/**`],
    [
      {
        group: ['node:*'],
        message: 'src/lib is pure: no Node I/O here (move it to importers/, cli/ or kernel-providers/).',
      },
      { group: ['astro', 'astro:*', 'astro/*'], message: 'src/lib is pure: no Astro here.' },
      { group: SRC_FOLDERS.map((f) => `**/${f}/**`), message: 'src/lib may only import from src/lib.' },
      {
        group: siblings.map((f) => `../${f}/*`),
        message: `src/lib/${folder} may import only ${may} inside src/lib (see ARCHITECTURE.md).`,
      },
    ],
  );
}

/** Every import zone, in the order biome.json lists them. */
export function importZones(): object[] {
  return [
    ...Object.entries(LIB_FOLDERS).map(([folder, allowed]) => libZone(folder, allowed)),
    ...ISLANDS.map((z) => zone(z.includes, z.patterns)),
    ...LAYERS.map((l) =>
      zone(l.includes, [{ group: l.forbid.map((f) => `**/${f}/**`), message: l.message }]),
    ),
  ];
}

/** biome.json with its import zones replaced by the tables' (other overrides kept first, in order). */
export function withZones(config: { overrides?: object[] }): object {
  const others = (config.overrides ?? []).filter((o) => !JSON.stringify(o).includes('"noRestrictedImports"'));
  return { ...config, overrides: [...others, ...importZones()] };
}

function main(): number {
  const root = resolve(import.meta.dirname, '../..');
  const path = join(root, 'biome.json');
  const config = JSON.parse(readFileSync(path, 'utf8')) as { overrides?: object[] };
  const next = withZones(config);
  if (process.argv.includes('--check')) {
    if (isDeepStrictEqual(config, next)) return 0;
    process.stderr.write(
      'biome.json differs from the zone tables in src/cli/lint-zones.ts: npm run lint:zones\n',
    );
    return 1;
  }
  writeFileSync(path, `${JSON.stringify(next, null, 2)}\n`);
  // The formatter lays the file out as a hand-written one (short arrays on one line).
  execFileSync(join(root, 'node_modules/.bin/biome'), ['format', '--write', path], { stdio: 'inherit' });
  return 0;
}

if (import.meta.main) process.exitCode = main();
