// The public face of lib/locks: the model types, the explorer, the validator and the replayer.

export type { Compiled, Context, ContextKind, Micro, ScenarioProblem } from './compile.ts';
export { compileScenario, ScenarioError } from './compile.ts';
export type { LockdepComparison } from './cross-check.ts';
export { compareWithLockdep, lockdepSummary } from './cross-check.ts';
export type { ClassId } from './describe.ts';
export { edgeId } from './describe.ts';
export { ModelError } from './errors.ts';
export type { Budget, ExploreResult, TraceStep } from './explore.ts';
export { explore, exploreCompiled } from './explore.ts';
export type {
  CodeRef,
  CompletionDecl,
  Cond,
  FixFate,
  IrqDecl,
  KernelConfig,
  LockDecl,
  LockKind,
  Op,
  RcuCallbackDecl,
  RefcountDecl,
  Scenario,
  ScenarioRole,
  Step,
  TaskDecl,
  TimerDecl,
  VarDecl,
  Verdict,
  WorkDecl,
  WorkqueueDecl,
} from './model.ts';
export { FAMILIES, OP_NAMES, OPS } from './primitives/index.ts';
export type { Replay } from './replay.ts';
export { replayTrace } from './replay.ts';
export type {
  ClassKind,
  DepEdge,
  Finding,
  FindingKind,
  ModelLockClass,
  Site,
  ValidatorReport,
} from './validator.ts';
export { validateCompiled, validateScenario } from './validator.ts';
