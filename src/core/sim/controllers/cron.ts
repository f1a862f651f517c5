/**
 * CronJob schedules: the standard five fields (minute hour day-of-month month day-of-week) with
 * lists, ranges, steps and names, plus the @yearly/@monthly/@weekly/@daily/@hourly macros
 * (https://kubernetes.io/docs/concepts/workloads/controllers/cron-jobs/#schedule-syntax).
 * Times are interpreted in UTC on the simulated clock.
 */
import { SIM_EPOCH_MS } from '../clock';

interface Cron { min: Set<number>; hour: Set<number>; dom: Set<number>; month: Set<number>; dow: Set<number>; domStar: boolean; dowStar: boolean }

const MACROS: Readonly<Record<string, string>> = {
  '@yearly': '0 0 1 1 *', '@annually': '0 0 1 1 *', '@monthly': '0 0 1 * *', '@weekly': '0 0 * * 0',
  '@daily': '0 0 * * *', '@midnight': '0 0 * * *', '@hourly': '0 * * * *',
};
const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const DAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

/** Parses a schedule; null when it is not valid. */
export function parseCron(schedule: string): Cron | null {
  const text = MACROS[schedule.trim().toLowerCase()] ?? schedule.trim().replace(/^(CRON_)?TZ=\S+\s+/, '');
  const f = text.split(/\s+/);
  if (f.length !== 5) return null;
  const min = field(f[0], 0, 59, []);
  const hour = field(f[1], 0, 23, []);
  const dom = field(f[2], 1, 31, []);
  const month = field(f[3], 1, 12, MONTHS, 1);
  const dow = field(f[4], 0, 7, DAYS);
  if (!min || !hour || !dom || !month || !dow) return null;
  if (dow.has(7)) dow.add(0);
  return { min, hour, dom, month, dow, domStar: f[2] === '*' || f[2] === '?', dowStar: f[4] === '*' || f[4] === '?' };
}

/** True when the schedule parses. */
export function isValidSchedule(schedule: string): boolean {
  return parseCron(schedule) !== null;
}

function field(text: string, lo: number, hi: number, names: string[], nameBase = 0): Set<number> | null {
  const out = new Set<number>();
  for (const part of text.split(',')) {
    const m = /^(\*|\?|[\w]+(?:-[\w]+)?)(?:\/(\d+))?$/.exec(part.toLowerCase());
    if (!m) return null;
    const step = m[2] ? Number(m[2]) : 1;
    const range = m[1] === '*' || m[1] === '?' ? [lo, hi] : m[1].split('-').map((v) => value(v, names, nameBase));
    const [a, b] = range.length === 1 ? (m[2] ? [range[0], hi] : [range[0], range[0]]) : range;
    if (a === null || b === null || a < lo || b > hi || a > b || step < 1) return null;
    for (let v = a; v <= b; v += step) out.add(v);
  }
  return out;
}

function value(v: string, names: string[], base: number): number | null {
  const i = names.indexOf(v);
  if (i >= 0) return i + base;
  return /^\d+$/.test(v) ? Number(v) : null;
}

/** The first scheduled time strictly after simulated second `after` (searching up to ~4 years), or null. */
export function nextRun(cron: Cron, after: number): number | null {
  let ms = SIM_EPOCH_MS + (Math.floor(after / 60) + 1) * 60_000;
  for (let i = 0; i < 4 * 366 * 24 * 60; ) {
    const d = new Date(ms);
    if (!cron.month.has(d.getUTCMonth() + 1) || !dayMatches(cron, d)) {
      ms = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() + 1);
      i += 1440;
    } else if (!cron.hour.has(d.getUTCHours())) {
      ms = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate(), d.getUTCHours() + 1);
      i += 60;
    } else if (!cron.min.has(d.getUTCMinutes())) {
      ms += 60_000;
      i++;
    } else {
      return (ms - SIM_EPOCH_MS) / 1000;
    }
  }
  return null;
}

/** Standard cron: when both day fields are restricted, either may match. */
function dayMatches(c: Cron, d: Date): boolean {
  const dom = c.dom.has(d.getUTCDate());
  const dow = c.dow.has(d.getUTCDay());
  if (c.domStar || c.dowStar) return dom && dow;
  return dom || dow;
}
