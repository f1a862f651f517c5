/** The session: one API over a simulated cluster for the CLI, the worker thread, a browser worker and lessons. */
export { Session, ask, MAX_VIEW_PAGE } from './session';
export { parseSessionRequest, MAX_APPLY_OBJECTS, MAX_SECONDS } from './validate';
