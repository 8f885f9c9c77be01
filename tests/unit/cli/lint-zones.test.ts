import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importZones, LAYERS, LIB_FOLDERS, withZones } from '../../../src/cli/lint-zones.ts';

const root = resolve(import.meta.dirname, '../../..');

describe('lint zones', () => {
  it('biome.json holds exactly the zones the tables give (run npm run lint:zones after editing them)', () => {
    const config = JSON.parse(readFileSync(resolve(root, 'biome.json'), 'utf8'));
    expect(config).toEqual(withZones(config));
  });

  it('has one zone per lib folder, naming the lib folders it may not import', () => {
    const zones = importZones() as { includes: string[]; linter: unknown }[];
    const mail = JSON.stringify(zones.find((z) => z.includes[0] === 'src/lib/mail/**'));
    expect(mail).toContain('"../locks/*"');
    const diagrams = JSON.stringify(zones.find((z) => z.includes[0] === 'src/lib/diagrams/**'));
    expect(diagrams).not.toContain('"../locks/*"');
    expect(diagrams).toContain('"../mail/*"');
    expect(zones.filter((z) => z.includes[0]?.startsWith('src/lib/')).length).toBe(
      Object.keys(LIB_FOLDERS).length,
    );
  });

  it('keeps pages and components away from importers and providers', () => {
    for (const zone of ['src/pages/**', 'src/components/**'])
      expect(LAYERS.find((l) => l.includes.includes(zone))?.forbid).toEqual(
        expect.arrayContaining(['importers', 'kernel-providers', 'loaders']),
      );
  });
});
