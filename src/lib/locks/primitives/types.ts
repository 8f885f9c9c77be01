// What a primitive family provides: its ops (how each expands into micro-ops), and per micro-op the
// readiness rule, the effect on the flat state, the words for traces and blocked contexts, the lockdep
// reading and the Promela text. The engine (semantics.ts), the validator, the describer and the Promela
// emitter only dispatch to these records; adding a kernel primitive is adding a family file.

import type { Compiled, Context, Micro } from '../compile.ts';
import type { LockdepWalk } from '../lockdep-walk.ts';
import type { LockKind, Step } from '../model.ts';
import type { SlotAllocator } from '../state.ts';

/** A mutable working state: one small integer per slot (see state.ts). */
export type MState = Int32Array;
/** A state being read. */
export type RState = ArrayLike<number>;

/** Which table an op's `target` names. */
export type Target =
  | 'lock'
  | 'timer'
  | 'work'
  | 'wq'
  | 'completion'
  | 'var'
  | 'refcount'
  | 'rcu-callback'
  | 'text'
  | 'none';

/** Extra step fields an op reads (the editor's check and the docs use this list). */
export type StepField = 'into' | 'value' | 'cond' | 'subclass' | 'steps' | 'else';

/** One micro-op an op expands to, before the compiler fills in the common fields. */
export interface Part {
  kind: string;
  /** What this part of the call does (`irqs off`); empty when the call is one micro-op. */
  part?: string;
  /** Object index when it differs from the op's target (a delayed work's timer). */
  obj?: number;
  arg?: number;
  arg2?: number;
}

/** What `expand` may read about the step being compiled. */
export interface ExpandInput {
  step: Step;
  /** Index of the target in its table (-1 when none). */
  obj: number;
  /** Display name of the target (instance label for locks). */
  label: string;
  /** The context kind the body runs in: task and worker bodies are process context. */
  where: Where;
  c: Compiled;
  /** Bit index in the context's saved-irq-flags slot for a flags key (allocated on first use). */
  flagBit(key: string): number;
  error(message: string): void;
}

/** Execution context of a body: process (tasks, workers), softirq or hardirq. */
export type Where = 'task' | 'softirq' | 'hardirq';

/** An exit of a block: micro-op `pc`'s `next` (or its `alt`) still to be linked. */
export interface Exit {
  pc: number;
  alt: boolean;
}

/** The compiler's view of a structured op (if/while/kref_put): it emits micro-ops and nested bodies. */
export interface BodyBuilder {
  /** Emits one micro-op for `step`, links `incoming` to it and returns its pc. */
  emit(step: Step, part: Part, call: string, at: string, incoming: readonly Exit[]): number;
  /** Compiles a nested list of steps entered through `incoming`; returns the exits falling out of it. */
  seq(steps: readonly Step[], at: string, incoming: readonly Exit[]): Exit[];
  /** Runs `f` as a loop body; returns its exits plus those `break` produced inside it. */
  loop(f: () => Exit[]): { open: Exit[]; breaks: Exit[] };
  /** Sends exits to the end of the body (`return`) or past the innermost loop (`break`). */
  jump(kind: 'return' | 'break', exits: readonly Exit[]): void;
  /** Points exits at an already emitted pc (a loop's head). */
  link(exits: readonly Exit[], to: number): void;
  /** Index of a variable by id (declared, or created as a 0/1 flag when `create`); -1 when unknown. */
  varIndex(id: string, create: boolean): number;
  /** The micro-op emitted at `pc`. */
  micro(pc: number): Micro | undefined;
  c: Compiled;
  where: Where;
  error(message: string): void;
}

/** One kernel call as the model knows it. */
export interface OpSpec {
  /** One line for the docs table and the editor. */
  summary: string;
  target: Target;
  /** For lock targets: the lock kinds the op applies to. */
  lockKinds?: readonly LockKind[];
  /** The op may sleep: rejected in interrupt context, flagged under a spinlock by the validator. */
  sleeps?: boolean;
  /** Extra step fields the op reads. */
  fields?: readonly StepField[];
  /** For `work` targets: whether the work must be delayed (true), plain (false) or either (undefined). */
  delayed?: boolean;
  /** Simple ops: the micro-ops in order. */
  expand?(e: ExpandInput): Part[];
  /** Structured ops (branches, loops, calls): compile by hand; returns the exits falling out. */
  structured?(b: BodyBuilder, step: Step, at: string, incoming: readonly Exit[]): Exit[];
  /** Words for the call (`spin_lock(A)`); default `<op>(<target label>)`. */
  call?(e: ExpandInput): string;
}

/** Where a context is (for blocked-reason words): `CPU1`, `CPU2 softirq`. */
export type WhereFn = (x: Context) => string;

/** The rules and words of one micro-op kind. */
export interface MicroSpec {
  /** Whether it can run now, ignoring who owns the CPU (default: always). */
  ready?(c: Compiled, s: RState, m: Micro, x: Context, cpu: number): boolean;
  /** The effect on `s`; returns the pc to go on at (usually `m.next`). */
  apply(c: Compiled, s: MState, m: Micro, x: Context, cpu: number): number;
  /** A context waiting here busy-waits and keeps its CPU (a spinning lock). */
  spins?: boolean;
  /** A second possible outcome, taken as its own move (an allocation failing, a wait timing out). */
  alt?: {
    ready?(c: Compiled, s: RState, m: Micro, x: Context, cpu: number): boolean;
    apply(c: Compiled, s: MState, m: Micro, x: Context, cpu: number): number;
    /** Words for the trace (`kmalloc(GFP_ATOMIC) fails: the rest is dropped`). */
    action(m: Micro): string;
    brief(m: Micro): string;
  };
  /** Terse lockdep-like form for narrow tables (`lock(name)`); default: the call. */
  brief?(c: Compiled, m: Micro): string;
  /** Why a context waiting here cannot move, in words. */
  blocked?(c: Compiled, s: RState, m: Micro, x: Context, me: string, where: WhereFn): string | undefined;
  /** Lock-graph class this micro-op takes or waits for (trace edges). */
  acquires?(c: Compiled, m: Micro, x: Context): string | undefined;
  /** What lockdep sees when this micro-op runs (default: nothing). */
  lockdep?(w: LockdepWalk, m: Micro): void;
  /** Promela guard and effects mirroring `ready` and `apply`. */
  promela(p: PromelaCtx, m: Micro, x: Context): PromelaStep;
  /** Objects this micro-op reads or writes (partial-order reduction footprints); default none. */
  touches?(c: Compiled, m: Micro, x: Context): readonly string[];
  /** Words for what this run did, appended to the trace action (`queues as a writer`); default none. */
  outcome?(
    c: Compiled,
    before: RState,
    after: RState,
    m: Micro,
    x: Context,
    where: WhereFn,
  ): string | undefined;
  /** A stretch of the trace this run opens or closes, boxed on the sequence diagram (an RCU grace period). */
  span?(
    c: Compiled,
    before: RState,
    after: RState,
    m: Micro,
    x: Context,
    where: WhereFn,
  ): TraceSpan | undefined;
}

/** One end of a stretch of a trace drawn as a box: `id` pairs the opening step with the closing one. */
export interface TraceSpan {
  id: string;
  /** Words on the box (opening step only). */
  label: string;
  opens: boolean;
}

/** What the Promela emitter passes to a family: the state array and the context's CPU expression. */
export interface PromelaCtx {
  c: Compiled;
  /** The CPU the context runs on, as a Promela expression. */
  cpu: string;
  /** Promela expression for slot `i` of the state (`S[12]`). */
  slot(i: number): string;
  /** Promela expression for a slot at a computed index (`S[12 + (S[3] - 1)]`). */
  at(expr: string): string;
}

/**
 * A d_step's guard and effects. `outcomes` replaces the plain next pc when the effect picks it (a
 * trylock, a branch): the first outcome whose `when` holds is taken.
 */
export interface PromelaStep {
  guard: string;
  effects: string[];
  /** Effects per outcome with the pc each leads to, tried in order (the last is `else`). */
  outcomes?: { when: string; effects: string[]; next: number }[];
  /** The alternative move, when the micro-op has one. */
  alt?: { guard: string; effects: string[]; next: number };
}

/** A family of primitives: one file under primitives/. */
export interface Family {
  name: string;
  /** One paragraph for the docs. */
  about: string;
  ops: Readonly<Record<string, OpSpec>>;
  micros: Readonly<Record<string, MicroSpec>>;
  /** Allocates the family's state slots once the scenario's tables are known. */
  layout?(c: Compiled, a: SlotAllocator): void;
  /** Sets the family's slots in the initial state. */
  init?(c: Compiled, s: MState): void;
}
