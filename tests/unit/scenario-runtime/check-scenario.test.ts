import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkScenario, ModelSourceError } from '../../../src/lib/scenario-runtime/check-scenario.ts';
import { loadScenarioCatalog } from '../../../src/loaders/scenario-catalog.ts';

const root = path.resolve(import.meta.dirname, '../../..');

describe('checkScenario on the JSON a page fetches for a bundled model', () => {
  it('accepts every catalogued model after a JSON round trip (as /diagrams/<id>.model.json serves it)', async () => {
    const catalog = await loadScenarioCatalog([path.join(root, 'content/threads')]);
    expect(catalog.length).toBeGreaterThan(5);
    for (const entry of catalog) {
      const fetched: unknown = JSON.parse(JSON.stringify(entry.scenario));
      expect(checkScenario(fetched).id).toBe(entry.scenario.id);
    }
  });

  it('rejects fetched JSON that is not a scenario, in the check phase', () => {
    for (const bad of [null, 'x', { id: 'a' }]) {
      expect(() => checkScenario(bad)).toThrow(ModelSourceError);
      try {
        checkScenario(bad);
      } catch (error) {
        expect((error as ModelSourceError).phase).toBe('check');
      }
    }
  });
});
