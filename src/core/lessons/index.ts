/** Lessons: scenario files parsed with positions, played on the simulation, checked. */
export type { Action, Check, CheckResult, LessonTopology, ManifestSource, ObjectRef, Question, Scenario, ScenarioDiagnostic, Step, StepResult } from './types';
export { parseScenario, MAX_SCENARIO_BYTES, type ParsedScenario } from './parse';
export { LessonRun, type ReadRelative, type SetupProblem } from './run';
export { targetDiagnostics } from './targets';
export { refText } from './refs';
export { isLessonFile, lessonDiagnostics } from './diagnostics';
export { LessonPlayer } from './player';
