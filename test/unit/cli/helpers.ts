import { main } from '../../../src/cli/main';
import { webDeployment } from '../fixtures/web';

/** A two-replica nginx Deployment, the CLI tests' usual input. */
export const WEB = webDeployment();

/** Runs the CLI in-process over in-memory files; returns its exit code and what it printed. */
export function runCli(argv: string[], files: Record<string, string> = {}): { code: number; out: string; err: string } {
  let out = '';
  let err = '';
  const code = main(argv, {
    stdout: (t) => { out += t; }, stderr: (t) => { err += t; },
    readFile: (p) => {
      if (!(p in files)) throw new Error(`ENOENT: no such file or directory, open '${p}'`);
      return files[p];
    },
  });
  return { code, out, err };
}
