import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { messageAnchor } from '../../../src/lib/mail/ids.ts';
import {
  flattenThread,
  type Thread,
  type ThreadInput,
  type ThreadNode,
  threadMessageIndexes,
  threadMessages,
} from '../../../src/lib/mail/threading.ts';

/** A small typed factory: id, parents via References, optional subject and date. */
function msg(id: string, refs: string[] = [], extra: Partial<ThreadInput> = {}): ThreadInput {
  return { messageId: id, references: refs, inReplyTo: [], subject: id, date: null, ...extra };
}

function shape(node: ThreadNode): unknown {
  const label = node.ghost ? `(${node.messageId})` : node.key;
  return node.children.length === 0 ? label : { [label]: node.children.map(shape) };
}

function shapes(threads: Thread[]): unknown[] {
  return threads.map((t) => t.roots.map(shape));
}

describe('threadMessages', () => {
  it('links replies under their parents and orders children by date', () => {
    const threads = threadMessages([
      msg('a'),
      msg('c', ['a'], { date: { utc: '2024-01-03T00:00:00Z' } }),
      msg('b', ['a'], { date: { utc: '2024-01-02T00:00:00Z' } }),
      msg('d', ['a', 'b']),
    ]);
    expect(shapes(threads)).toEqual([[{ a: [{ b: ['d'] }, 'c'] }]]);
  });

  it('creates a ghost for a missing parent that has replies, and drops ghosts without', () => {
    const threads = threadMessages([msg('r1', ['gone']), msg('r2', ['gone']), msg('x', ['lost', 'lost2'])]);
    expect(shapes(threads)).toEqual([[{ '(gone)': ['r1', 'r2'] }], [{ '(lost)': [{ '(lost2)': ['x'] }] }]]);
    expect(threads[0]?.roots[0]?.anchor).toBe('');
    expect(threads[0]?.size).toBe(2);
  });

  it('never creates a loop from contradicting References', () => {
    const threads = threadMessages([msg('a', ['b']), msg('b', ['a']), msg('c', ['a', 'b', 'a'])]);
    expect(threads).toHaveLength(1);
    const indexes = threadMessageIndexes(threads[0] as Thread).sort();
    expect(indexes).toEqual([0, 1, 2]);
  });

  it('keeps messages that reuse a Message-ID beside the original, with distinct keys and anchors', () => {
    const threads = threadMessages([msg('p'), msg('x', ['p']), msg('x'), msg('x', ['p'])]);
    expect(shapes(threads)).toEqual([[{ p: ['x', 'x#2', 'x#3'] }]]);
    const nodes = flattenThread(threads[0] as Thread).map((r) => r.node);
    expect(nodes.map((n) => n.anchor)).toEqual([
      messageAnchor('p'),
      messageAnchor('x'),
      `${messageAnchor('x')}-d2`,
      `${messageAnchor('x')}-d3`,
    ]);
    expect(nodes.map((n) => n.copy)).toEqual([1, 1, 2, 3]);
  });

  it('puts a root duplicate beside its original in the same thread', () => {
    const threads = threadMessages([msg('r'), msg('r')]);
    expect(threads).toHaveLength(1);
    expect(threads[0]?.roots.map((n) => n.key)).toEqual(['r', 'r#2']);
  });

  it('uses subjects only when no message has threading headers (auto)', () => {
    const pages = [msg('1', [], { subject: '[list] locks' }), msg('2', [], { subject: 'Re: [list] locks' })];
    expect(shapes(threadMessages(pages))).toEqual([[{ '1': ['2'] }]]);
    expect(threadMessages(pages)[0]?.roots[0]?.children[0]?.bySubject).toBe(true);
    const mixed = [...pages, msg('3', ['1'])];
    expect(threadMessages(mixed)).toHaveLength(2);
    expect(threadMessages(mixed, { subjectFallback: 'always' })).toHaveLength(1);
    expect(threadMessages(pages, { subjectFallback: 'never' })).toHaveLength(2);
  });

  it('handles a 20,000-message reply chain without recursion', () => {
    const chain = Array.from({ length: 20_000 }, (_, i) => msg(`m${i}`, i === 0 ? [] : [`m${i - 1}`]));
    const threads = threadMessages(chain);
    expect(threads).toHaveLength(1);
    const rows = flattenThread(threads[0] as Thread);
    expect(rows).toHaveLength(20_000);
    expect(rows[19_999]?.depth).toBe(19_999);
  });

  it('places every input exactly once, whatever the headers say (property)', () => {
    const ids = ['a', 'b', 'c', 'd', 'e', 'f'];
    const input = fc.array(
      fc.record({
        messageId: fc.constantFrom(...ids),
        references: fc.array(fc.constantFrom(...ids, 'ghost1', 'ghost2'), { maxLength: 5 }),
        inReplyTo: fc.array(fc.constantFrom(...ids, 'ghost3'), { maxLength: 2 }),
      }),
      { maxLength: 25 },
    );
    fc.assert(
      fc.property(input, (messages) => {
        const threads = threadMessages(messages);
        const placed = threads.flatMap(threadMessageIndexes).sort((x, y) => x - y);
        expect(placed).toEqual(messages.map((_, i) => i));
        const keys = threads.flatMap((t) =>
          flattenThread(t).map((r) => r.node.key + (r.node.ghost ? '?' : '')),
        );
        expect(new Set(keys).size).toBe(keys.length);
      }),
    );
  });
});

describe('flattenThread', () => {
  it('draws the lore-style skeleton', () => {
    const [thread] = threadMessages([msg('a'), msg('b', ['a']), msg('c', ['a', 'b']), msg('d', ['a'])]);
    const rows = flattenThread(thread as Thread).map((r) => `${r.skeleton}${r.node.key}`);
    expect(rows).toEqual(['a', '|-b', '| `-c', '`-d']);
  });
});
