export { diskAccess } from './disk';
export { expandInputs, GitignoreFilter, type ExpandOptions } from './inputs';
export { checkOutputs, outputsOf } from './paths';
export { planFiles, planRun, runLocalization, type LocalizeRun } from './run';
export type { FileAccess, FileReport, FileStatus, OutputMode, PlannedFile, PlannedOutput, PlanReport } from './types';
