import { describe, expect, it } from 'vitest';
import { graphEdgeIds } from '../../../src/lib/scenario-runtime/edge-map.ts';

describe('graphEdgeIds', () => {
  it('maps drawing order to edge ids from the %% edge comments', () => {
    const text = [
      'flowchart LR',
      '  %% lock dependency graph',
      '  %% edge 0 cm->mad',
      '  n_cm --> n_mad',
      '  %% edge 1 timer:t~>cm',
      '  n_t -.-> n_cm',
    ].join('\n');
    expect(graphEdgeIds(text)).toEqual(['cm->mad', 'timer:t~>cm']);
  });

  it('returns nothing for a graph without edges', () => {
    expect(graphEdgeIds('flowchart LR\n  n_a["a"]\n')).toEqual([]);
  });
});
