/**
 * Reads the extension host's log that code-server writes to
 * `<userDataDir>/logs/<time>/exthost<N>/remoteexthost.log`. Lines look like
 * `2025-06-01 12:00:00.000 [info] ExtensionService#_doActivateExtension vscode.git, startup: true, activationEvent: '*'`;
 * an error's stack follows its `[error]` line without a timestamp.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

export const EXTENSION_ID = 'kube-anatomy.kube-anatomy';

/** One log entry: its level and its text, continuation lines (stacks) included. */
export interface LogEntry {
  readonly level: string;
  readonly text: string;
}

/** Every `remoteexthost.log` under `logsDir` (one per session and extension host restart). */
export function findExtHostLogs(logsDir: string): string[] {
  if (!fs.existsSync(logsDir)) return [];
  const found: string[] = [];
  for (const session of fs.readdirSync(logsDir).sort()) {
    const sessionDir = path.join(logsDir, session);
    if (!fs.statSync(sessionDir).isDirectory()) continue;
    for (const host of fs.readdirSync(sessionDir).filter((d) => d.startsWith('exthost')).sort()) {
      const file = path.join(sessionDir, host, 'remoteexthost.log');
      if (fs.existsSync(file)) found.push(file);
    }
  }
  return found;
}

const ENTRY_START = /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3} \[(\w+)\] /;

export function readExtHostLog(logsDir: string): LogEntry[] {
  return parseLogEntries(findExtHostLogs(logsDir).map((file) => fs.readFileSync(file, 'utf8')).join('\n'));
}

/** Log text as entries: a line without a timestamp continues the entry before it. */
export function parseLogEntries(text: string): LogEntry[] {
  const entries: { level: string; lines: string[] }[] = [];
  for (const line of text.split('\n')) {
    const start = ENTRY_START.exec(line);
    if (start) entries.push({ level: start[1], lines: [line] });
    else if (line.trim() && entries.length > 0) entries[entries.length - 1].lines.push(line);
  }
  return entries.map((e) => ({ level: e.level, text: e.lines.join('\n') }));
}

/** The activation event VS Code recorded for `extensionId`, e.g. `onLanguage:yaml`, and whether it was at startup. */
export function activations(entries: readonly LogEntry[], extensionId = EXTENSION_ID): { startup: boolean; event: string }[] {
  const pattern = new RegExp(`ExtensionService#_doActivateExtension ${extensionId.replace(/\./g, '\\.')}, startup: (true|false), activationEvent: '([^']*)'`);
  return entries.flatMap((e) => {
    const m = pattern.exec(e.text);
    return m ? [{ startup: m[1] === 'true', event: m[2] }] : [];
  });
}

const STAMP = /^(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3}) /;
const millis = (line: string): number | undefined => {
  const m = STAMP.exec(line);
  return m ? Date.parse(m[1].replace(' ', 'T')) : undefined;
};

/** Our own log files (the "Kube Anatomy" output channel of the Node extension host). */
export function ourLogFiles(logsDir: string, extensionId = EXTENSION_ID): string[] {
  return findExtHostLogs(logsDir).map((f) => path.join(path.dirname(f), extensionId))
    .filter((d) => fs.existsSync(d)).flatMap((d) => fs.readdirSync(d).map((f) => path.join(d, f)));
}

/**
 * Activation time as the extension host saw it: from its `_doActivateExtension` line (before our bundle
 * is loaded) to our own "activated in" line (the end of `activate()`), both timestamped to the millisecond.
 */
export function activationMillis(logsDir: string, extensionId = EXTENSION_ID): { total: number; activate: number; line: string } | undefined {
  const ours = parseLogEntries(ourLogFiles(logsDir, extensionId).map((f) => fs.readFileSync(f, 'utf8')).join('\n'));
  return activationFrom(readExtHostLog(logsDir), ours, extensionId);
}

/** activationMillis from log entries already read (the web-worker host's come from the Output view). */
export function activationFrom(host: readonly LogEntry[], ours: readonly LogEntry[], extensionId = EXTENSION_ID): { total: number; activate: number; line: string } | undefined {
  const start = host.map((e) => e.text).find((t) => t.includes(`_doActivateExtension ${extensionId},`));
  const line = ours.map((e) => e.text).find((l) => / activated in [\d.]+ ms/.test(l));
  const from = start ? millis(start) : undefined;
  const to = line ? millis(line) : undefined;
  const activate = line ? Number(/activated in ([\d.]+) ms/.exec(line)?.[1]) : NaN;
  return line && from !== undefined && to !== undefined ? { total: to - from, activate, line } : undefined;
}

/** Error entries that name our extension (its id, or its install folder in a stack). */
export function errorsFrom(entries: readonly LogEntry[], extensionId = EXTENSION_ID): LogEntry[] {
  return entries.filter((e) => e.level === 'error' && e.text.toLowerCase().includes(extensionId));
}

/** Whether the extension host has finished activating its startup (`*`) extensions. */
export function eagerActivationDone(entries: readonly LogEntry[]): boolean {
  return entries.some((e) => e.text.includes('Eager extensions activated'));
}

/** The first lines of an entry: enough to see the error and where it was thrown. */
export function summarize(entry: LogEntry, lines = 3): string {
  return entry.text.split('\n').slice(0, lines).join('\n');
}

/** Fails, quoting them, if the extension host logged errors from our extension. */
export function assertNoErrorsFrom(logsDir: string, extensionId = EXTENSION_ID): void {
  const errors = errorsFrom(readExtHostLog(logsDir), extensionId);
  if (errors.length > 0) {
    throw new Error(`the extension host logged ${errors.length} error(s) from ${extensionId}:\n${errors.map((e) => summarize(e)).join('\n')}`);
  }
}
