/**
 * The platform adapter of this build. This file names the Node one; the browser bundle's esbuild
 * context resolves `./node` here to `./browser` instead (esbuild.js, `browserPlatform`), so nothing
 * else changes between the two builds.
 */
export { platform } from './node';
export type { EngineEvents, EngineWorker, Platform, StartEngine, StartLessonEngine } from './types';
