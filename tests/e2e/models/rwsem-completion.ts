// An edited model for the browser tests (our own, not a kernel thread): a reader of an rw_semaphore
// waits for a completion that only a would-be writer of the same rwsem signals, so the writer queues
// behind the reader and neither can go on. Self-contained (type-only import), as the editor needs.

import type { CodeRef, Scenario } from '../../../src/lib/locks/model.ts';

const at = (fn: string): CodeRef => ({ fn, file: 'tests/e2e/models/rwsem-completion.ts' });

const scenario: Scenario = {
  id: 'rwsem-completion',
  thread: 'lockstep-tests',
  answers: 'tests@lockstep.invalid',
  title: 'A reader waits for a completion its writer would signal',
  summary:
    'Task A reads under cfg_rwsem and waits for ready; task B must write cfg_rwsem before completing it.',
  expect: 'deadlock',
  cpus: 2,
  locks: [{ id: 'cfg', name: 'cfg_rwsem', kind: 'rwsem' }],
  completions: [{ id: 'ready', name: 'ready' }],
  tasks: [
    {
      id: 'reader',
      name: 'config reader',
      cpu: 0,
      steps: [
        { op: 'down_read', target: 'cfg', code: at('read_config()') },
        { op: 'wait_for_completion', target: 'ready', code: at('read_config()') },
        { op: 'up_read', target: 'cfg', code: at('read_config()') },
      ],
    },
    {
      id: 'writer',
      name: 'config writer',
      cpu: 1,
      steps: [
        { op: 'down_write', target: 'cfg', code: at('update_config()') },
        { op: 'up_write', target: 'cfg', code: at('update_config()') },
        { op: 'complete', target: 'ready', code: at('update_config()') },
      ],
    },
  ],
};

export default scenario;
