import { describe, expect, it } from 'vitest';
import { buildIndex } from '../../../src/kernel-providers/build-index.ts';
import { fixtureFiles } from './support/fixture-tree.ts';

// Expected lines were read off the fixture files by hand (see tests/fixtures/kernel/tree).
describe('tree-sitter symbol index', async () => {
  const index = await buildIndex('2.6.30', fixtureFiles());
  const find = (name: string, kind: string, container?: string) =>
    index.symbols.find((d) => d.name === name && d.kind === kind && d.container === container);

  it('finds functions with their first and last line, inside #ifdef too', () => {
    expect(find('cancel_delayed_work', 'function')).toMatchObject({
      file: 'include/linux/workqueue.h',
      line: 19,
      endLine: 27,
    });
    expect(find('del_timer', 'function')).toMatchObject({ file: 'kernel/timer.c', line: 11, endLine: 17 });
    expect(find('del_timer_sync', 'function')).toMatchObject({
      file: 'kernel/timer.c',
      line: 20,
      endLine: 28,
    });
    expect(find('timeout_sends', 'function')).toMatchObject({
      file: 'drivers/infiniband/core/mad.c',
      line: 18,
    });
  });

  it('finds macros, including the #else one', () => {
    expect(find('WORK_PENDING_BIT', 'macro')).toMatchObject({ line: 5 });
    expect(find('del_timer_sync', 'macro')).toMatchObject({ file: 'kernel/timer.c', line: 30 });
  });

  it('finds structs and their fields with field types', () => {
    expect(find('ib_mad_agent_private', 'struct')).toMatchObject({ line: 6, endLine: 18 });
    expect(find('lock', 'field', 'ib_mad_agent_private')).toMatchObject({ line: 8 });
    expect(find('timed_work', 'field', 'ib_mad_agent_private')).toMatchObject({
      line: 9,
      typeStruct: 'delayed_work',
    });
    expect(find('lock', 'field', 'cm_id_private')).toMatchObject({
      file: 'drivers/infiniband/core/cm.c',
      line: 5,
    });
  });

  it('gives anonymous union members to the outer struct and reads function-pointer and #ifdef fields', () => {
    expect(find('refcount', 'field', 'ib_mad_agent_private')).toMatchObject({ line: 11 });
    expect(find('handler', 'field', 'ib_mad_agent_private')).toMatchObject({ line: 14 });
    expect(find('hist', 'field', 'ib_mad_agent_private')).toMatchObject({ line: 16 });
  });

  it('finds globals and typedefs but not prototypes or externs', () => {
    expect(find('timer_count', 'variable')).toMatchObject({ line: 9 });
    expect(find('mad_ports', 'variable')).toMatchObject({ typeStruct: 'ib_mad_port' });
    expect(find('mad_agent_t', 'typedef')).toMatchObject({ line: 20 });
    expect(find('mad_debug', 'variable')).toBeUndefined();
    expect(
      index.symbols.filter((d) => d.name === 'del_timer_sync' && d.file === 'include/linux/workqueue.h'),
    ).toEqual([]);
  });

  it('learns variable types from declarations and drops names declared with two types', () => {
    expect(index.varTypes.cm_id_priv).toBe('cm_id_private');
    expect(index.varTypes.mad_agent_priv).toBe('ib_mad_agent_private');
    expect(index.varTypes.priv).toBeUndefined();
  });
});
