/**
 * Lessons as the lesson worker plays them (src/worker/lessonLoop.ts): opening each sample lesson, each
 * step (with the Cluster View of the lesson's cluster, as the worker sends it), and resuming a lesson at
 * its end (a replay of every step). Decides where lessons run: these are the worker's costs, which the
 * extension host would pay otherwise (its budget: well under 50 ms a step).
 */
import * as fs from 'fs';
import * as path from 'path';
import type { FromLessonWorker, ToLessonWorker } from '../src/shared/lessonWorkerProtocol';
import { LessonLoop } from '../src/worker/lessonLoop';

const DIR = path.join(__dirname, '..', 'samples', 'lessons');

function playAll(file: string): { open: number; steps: number[]; resume: number; progress: FromLessonWorker.State['progress'] } {
  const text = fs.readFileSync(path.join(DIR, file), 'utf8');
  const files: Record<string, string> = {};
  for (const f of fs.readdirSync(DIR)) if (f.endsWith('.yaml') && !f.endsWith('.lesson.yaml')) files[f] = fs.readFileSync(path.join(DIR, f), 'utf8');
  let id = 0;
  const loop = new LessonLoop(() => performance.now());
  const send = (m: Record<string, unknown>): FromLessonWorker.State => {
    const r = loop.handle({ ...m, id: ++id } as ToLessonWorker.Message);
    if (r.type !== 'state') throw new Error(`${file}: ${r.type === 'failed' ? r.message : r.type}`);
    return r;
  };
  const opened = send({ type: 'open', file, text, files, progress: null });
  const steps: number[] = [];
  let s = opened;
  while (s.lesson.next < s.lesson.steps.length) {
    if (s.lesson.awaitingAnswer) send({ type: 'answer', step: s.lesson.next, choice: 0 });
    s = send({ type: 'step', command: 'next' });
    steps.push(s.millis);
  }
  const resumed = new LessonLoop(() => performance.now()).handle({ type: 'open', id: 1, file, text, files, progress: s.progress });
  return { open: opened.millis, steps, resume: resumed.type === 'state' ? resumed.millis : NaN, progress: s.progress };
}

export function benchLessons(runs: number, median: (xs: number[]) => number): void {
  const lessons = fs.readdirSync(DIR).filter((f) => f.endsWith('.lesson.yaml')).sort();
  const open: number[] = [];
  const step: number[] = [];
  const resume: number[] = [];
  let worst = 0;
  for (let r = 0; r < runs; r++) {
    for (const file of lessons) {
      const x = playAll(file);
      open.push(x.open);
      step.push(...x.steps);
      resume.push(x.resume);
      worst = Math.max(worst, ...x.steps);
    }
  }
  console.log(`lessons: ${lessons.length} sample lessons in the lesson worker, ${runs} runs: open median ${median(open).toFixed(1)} ms (max ${Math.max(...open).toFixed(1)}); a step with its view median ${median(step).toFixed(1)} ms (max ${worst.toFixed(1)}); resume at the end by replay median ${median(resume).toFixed(1)} ms (max ${Math.max(...resume).toFixed(1)}) (host budget 50 ms a step: over it, so lessons run in the worker)`);
}

if (require.main === module) benchLessons(Number(process.argv[2]) || 5, (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN);
