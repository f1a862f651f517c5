import { main } from '../../../src/cli/main';

/** A two-replica nginx Deployment, the CLI tests' usual input. */
export const WEB = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 2
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
        - name: nginx
          image: nginx:1.27
`;

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
