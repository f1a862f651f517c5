import { GLOSSARY } from '../knowledge';
import type { ViewCard } from '../../shared/protocol';

/** What each glossary entry's hover says, as plain text for the Cluster View's details panel. */
export function glossaryCards(): Record<string, ViewCard> {
  const out: Record<string, ViewCard> = {};
  for (const e of GLOSSARY) {
    out[e.id] = {
      title: e.title, summary: e.summary, runsOn: e.runsOn,
      ports: e.ports.map((p) => `${p.port}${p.to ? `-${p.to}` : ''}/${p.protocol}: ${p.purpose} (used by ${p.usedBy})`),
      talksTo: e.talksTo, calledBy: e.calledBy,
    };
  }
  return out;
}
