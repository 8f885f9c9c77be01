import { describe, expect, it } from 'vitest';
import {
  createLookup,
  declaredVarTypes,
  findSymbol,
  resolveMemberChain,
  symbolKey,
  symbolLabel,
} from '../../../src/lib/kernel/lookup.ts';
import type { SymbolIndex } from '../../../src/lib/kernel/types.ts';

const index: SymbolIndex = {
  version: '2.6.30',
  symbols: [
    { name: 'ib_mad_agent_private', kind: 'struct', file: 'mad_priv.h', line: 6 },
    { name: 'lock', kind: 'field', file: 'mad_priv.h', line: 8, container: 'ib_mad_agent_private' },
    {
      name: 'timed_work',
      kind: 'field',
      file: 'mad_priv.h',
      line: 9,
      container: 'ib_mad_agent_private',
      typeStruct: 'delayed_work',
    },
    { name: 'timer', kind: 'field', file: 'workqueue.h', line: 14, container: 'delayed_work' },
    { name: 'lock', kind: 'field', file: 'cm.c', line: 5, container: 'cm_id_private' },
    { name: 'del_timer_sync', kind: 'macro', file: 'timer.c', line: 30 },
    { name: 'del_timer_sync', kind: 'function', file: 'timer.c', line: 20 },
  ],
  varTypes: { mad_agent_priv: 'ib_mad_agent_private', cm_id_priv: 'cm_id_private' },
};
const lookup = createLookup(index);

describe('symbol lookup', () => {
  it('prefers a function over a macro of the same name', () => {
    expect(findSymbol(lookup, 'del_timer_sync')?.line).toBe(20);
    expect(findSymbol(lookup, 'del_timer_sync', ['macro'])?.line).toBe(30);
    expect(findSymbol(lookup, 'nope')).toBeUndefined();
  });

  it('keys fields by their struct', () => {
    const [struct, field] = index.symbols;
    if (!struct || !field) throw new Error('fixture index is short');
    expect(symbolKey(field)).toBe('ib_mad_agent_private.lock');
    expect(symbolKey(struct)).toBe('ib_mad_agent_private');
    expect(symbolLabel(field)).toBe('struct ib_mad_agent_private.lock');
    expect(symbolLabel(struct)).toBe('struct ib_mad_agent_private');
    expect(symbolLabel({ name: 'del_timer', kind: 'function', file: 'x.c', line: 1 })).toBe('del_timer()');
  });

  it('resolves a chain through the variable type to the right struct field', () => {
    expect(resolveMemberChain(lookup, 'mad_agent_priv', ['lock'])).toMatchObject({
      file: 'mad_priv.h',
      line: 8,
    });
    expect(resolveMemberChain(lookup, 'cm_id_priv', ['lock'])).toMatchObject({ file: 'cm.c', line: 5 });
  });

  it('walks nested struct fields', () => {
    expect(resolveMemberChain(lookup, 'mad_agent_priv', ['timed_work', 'timer'])).toMatchObject({
      file: 'workqueue.h',
      line: 14,
    });
  });

  it('does not guess when the variable type is unknown', () => {
    expect(resolveMemberChain(lookup, 'priv', ['lock'])).toBeUndefined();
    expect(resolveMemberChain(lookup, 'mad_agent_priv', ['nope'])).toBeUndefined();
  });

  it('uses types declared in the text over the index', () => {
    const local = declaredVarTypes(
      '+\tstruct cm_id_private *priv;\n static void f(struct delayed_work *dw, int x)',
    );
    expect(local).toEqual({ priv: 'cm_id_private', dw: 'delayed_work' });
    expect(resolveMemberChain(lookup, 'priv', ['lock'], local)).toMatchObject({ file: 'cm.c' });
    expect(
      resolveMemberChain(lookup, 'mad_agent_priv', ['lock'], { mad_agent_priv: 'cm_id_private' }),
    ).toMatchObject({
      file: 'cm.c',
    });
  });
});
