/**
 * CronJob schedules: the standard five fields (minute hour day-of-month month day-of-week) with
 * lists, ranges, steps and names, plus the @yearly/@monthly/@weekly/@daily/@hourly macros
 * (https://kubernetes.io/docs/concepts/workloads/controllers/cron-jobs/#schedule-syntax).
 * Times are read in the CronJob's `timeZone` (an IANA name; kube-controller-manager's own zone, UTC in kind,
 * without one), on the simulated clock
 * (https://kubernetes.io/docs/concepts/workloads/controllers/cron-jobs/#time-zones).
 */
import { SIM_EPOCH_MS } from '../clock';

interface Cron {
  min: Set<number>; hour: Set<number>; dom: Set<number>; month: Set<number>; dow: Set<number>; domStar: boolean; dowStar: boolean;
  /** The IANA time zone the fields are read in; undefined: UTC. */
  zone?: string;
}

const MACROS: Readonly<Record<string, string>> = {
  '@yearly': '0 0 1 1 *', '@annually': '0 0 1 1 *', '@monthly': '0 0 1 * *', '@weekly': '0 0 * * 0',
  '@daily': '0 0 * * *', '@midnight': '0 0 * * *', '@hourly': '0 * * * *',
};
const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const DAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

/** Parses a schedule, read in `timeZone` (UTC without one); null when it is not valid. */
export function parseCron(schedule: string, timeZone?: string | null): Cron | null {
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
  const zone = timeZone && timeZone !== 'UTC' && timeZone !== 'Etc/UTC' && isTimeZone(timeZone) ? timeZone : undefined;
  return { min, hour, dom, month, dow, domStar: f[2] === '*' || f[2] === '?', dowStar: f[4] === '*' || f[4] === '?', ...(zone ? { zone } : {}) };
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
  const afterMs = SIM_EPOCH_MS + after * 1000;
  if (!cron.zone) {
    const ms = nextWall(cron, afterMs);
    return ms === null ? null : (ms - SIM_EPOCH_MS) / 1000;
  }
  // In a zone: the next matching wall-clock time, then the instant it is. A wall time that comes twice (the hour
  // repeated when clocks go back) runs once, at its first; one that never comes (clocks go forward) runs as Go's
  // time.Date places it, with the offset from before the gap (02:30 on the spring-forward night runs at 03:30).
  let wall = afterMs + offsetMs(cron.zone, afterMs);
  for (let tries = 0; tries < 4; tries++) {
    const next = nextWall(cron, wall);
    if (next === null) return null;
    const instant = instantOf(cron.zone, next);
    if (instant > afterMs) return (instant - SIM_EPOCH_MS) / 1000;
    wall = next;
  }
  return null;
}

/** The instant a wall-clock time of `zone` (given as if UTC) is. */
function instantOf(zone: string, wall: number): number {
  const guess = offsetMs(zone, wall - offsetMs(zone, wall));
  const at = wall - guess;
  const actual = offsetMs(zone, at);
  return actual === guess ? at : wall - actual;
}

/**
 * Simulated second `t` as RFC 3339 in the schedule's zone (`2025-01-01T09:00:00-05:00`; `Z` at offset 0), as the
 * controller writes a Job's scheduled-timestamp annotation (`scheduledTime.In(location).Format(time.RFC3339)`).
 */
export function zonedTimestamp(cron: Cron, t: number): string {
  const ms = SIM_EPOCH_MS + t * 1000;
  const offset = cron.zone ? offsetMs(cron.zone, ms) : 0;
  const wall = new Date(ms + offset).toISOString().slice(0, 19);
  if (offset === 0) return `${wall}Z`;
  const minutes = Math.abs(offset) / 60_000;
  return `${wall}${offset < 0 ? '-' : '+'}${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

/** Each zone's formatter (null: the runtime does not know the zone), made once: every reconcile parses the schedule. */
const formats = new Map<string, Intl.DateTimeFormat | null>();

function formatOf(zone: string): Intl.DateTimeFormat | null {
  let f = formats.get(zone);
  if (f === undefined) {
    try {
      f = new Intl.DateTimeFormat('en-US', { timeZone: zone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' });
    } catch {
      f = null;
    }
    if (formats.size > 1000) formats.clear();
    formats.set(zone, f);
  }
  return f;
}

/** Whether the runtime knows an IANA time zone of this name. */
export function isTimeZone(zone: string): boolean {
  return formatOf(zone) !== null;
}

/** How far `zone`'s wall clock is ahead of UTC at instant `ms`, in ms (a zone the runtime does not know: 0). */
function offsetMs(zone: string, ms: number): number {
  const f = formatOf(zone);
  if (!f) return 0;
  const p: Record<string, number> = {};
  for (const part of f.formatToParts(ms)) if (part.type !== 'literal') p[part.type] = Number(part.value);
  const wall = Date.UTC(p.year ?? 1970, (p.month ?? 1) - 1, p.day ?? 1, p.hour ?? 0, p.minute ?? 0, p.second ?? 0);
  return wall - Math.floor(ms / 1000) * 1000;
}

/** The first time strictly after `afterMs` whose UTC fields match (a wall clock read as UTC), or null. */
function nextWall(cron: Cron, afterMs: number): number | null {
  let ms = (Math.floor(afterMs / 60_000) + 1) * 60_000;
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
      return ms;
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
