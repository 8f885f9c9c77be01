// The public face of lib/locks: the model types, the explorer, the validator and the replayer.

export type { Compiled, Context, ContextKind, Micro } from './compile.ts';
export { compileScenario } from './compile.ts';
export type { ClassId } from './describe.ts';
export { edgeId } from './describe.ts';
export type { Budget, ExploreResult, TraceStep } from './explore.ts';
export { explore } from './explore.ts';
export type {
  CodeRef,
  FixFate,
  IrqDecl,
  LockDecl,
  LockKind,
  Op,
  Scenario,
  ScenarioRole,
  Step,
  TaskDecl,
  TimerDecl,
  Verdict,
  WorkDecl,
  WorkqueueDecl,
} from './model.ts';
export type { Replay } from './replay.ts';
export { replayTrace } from './replay.ts';
export type { ChainSpec } from './skeleton.ts';
export { scenarioFromChain } from './skeleton.ts';
export type { ClassKind, DepEdge, Finding, LockClass, LockdepReport, Site } from './validator.ts';
export { validateCompiled, validateScenario } from './validator.ts';
