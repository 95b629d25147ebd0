export { diskAccess } from './disk';
export { expandInputs, GitignoreFilter, type ExpandOptions } from './inputs';
export { checkOutputs, outputsOf } from './paths';
export { failedReport, planFiles, planRun, runLocalization, type LocalizeRun } from './run';
export { LocalizationState, STATE_FILE } from './state';
export { sourceChanges, translationStatus, type LineRange, type SourceChange, type SourceChanges, type TranslationStatus } from './status';
export type { BrokenLink, FileAccess, FileReport, FileStatus, OutputMode, PlannedFile, PlannedOutput, PlanReport, RunResult } from './types';
