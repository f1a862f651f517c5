/**
 * Evaluating a step's checks against the simulated cluster. Each result says what was expected and
 * what was seen, in words a learner reads ("2 pods app=shop Running, expected 3: shop-…-a on worker-2, …").
 */
import type { ClusterSnapshot, SimEvent } from '../sim';
import { refText, selectorMatches, selectorText } from './refs';
import type { Check, CheckResult, ObjectRef } from './types';

/** What the checks read: a snapshot, pod labels, the step's events and its apply outcome. */
export interface CheckContext {
  readonly snapshot: ClusterSnapshot;
  /** Labels of a pod by `namespace/name`. */
  readonly podLabels: (namespace: string, name: string) => Readonly<Record<string, string>> | undefined;
  /** Events recorded while the step ran. */
  readonly events: readonly SimEvent[];
  /** Errors of the step's apply/edit/scale/delete, empty when it succeeded or did none. */
  readonly applyErrors: readonly string[];
}

type Pod = ClusterSnapshot['pods'][number];

/** Evaluates one check. */
export function evaluate(check: Check, ctx: CheckContext): CheckResult {
  const [passed, expected, seen] = verdict(check, ctx);
  return { check, passed, expected, seen };
}

function verdict(check: Check, ctx: CheckContext): [boolean, string, string] {
  switch (check.type) {
    case 'pods': return podsVerdict(check, ctx);
    case 'pod': return podVerdict(check, ctx.snapshot);
    case 'node': return nodeVerdict(check, ctx.snapshot);
    case 'etcd': {
      const e = ctx.snapshot.cluster.etcd;
      const expected = [check.quorum === undefined ? '' : check.quorum ? 'etcd has quorum' : 'etcd has lost quorum', check.healthy === undefined ? '' : `${check.healthy} healthy etcd member(s)`].filter(Boolean).join(', ');
      const ok = (check.quorum === undefined || check.quorum === e.hasQuorum) && (check.healthy === undefined || check.healthy === e.healthy);
      return [ok, expected, `etcd ${e.healthy}/${e.members} healthy, quorum ${e.quorum}: ${e.hasQuorum ? 'has quorum' : 'no quorum'}`];
    }
    case 'leader': {
      const node = ctx.snapshot.cluster.leaders[check.component];
      return [node === check.node, `${check.component} leader on ${check.node ?? 'no node'}`, `${check.component} leader on ${node ?? 'no node'}`];
    }
    case 'workload': {
      const w = ctx.snapshot.workloads.find((x) => x.kind === check.object.kind && x.name === check.object.name && x.namespace === ns(check.object));
      const expected = `${refText(check.object)}${check.ready === undefined ? '' : ` ready ${check.ready}`}${check.desired === undefined ? '' : ` desired ${check.desired}`}`;
      if (!w) return [false, expected, `${refText(check.object)} does not exist`];
      return [(check.ready === undefined || w.ready === check.ready) && (check.desired === undefined || w.desired === check.desired), expected, `${refText(check.object)} ready ${w.ready}/${w.desired}`];
    }
    case 'service': {
      const s = ctx.snapshot.services.find((x) => x.name === check.object.name && x.namespace === ns(check.object));
      const expected = `service ${check.object.name} with ${check.endpoints} endpoint(s)`;
      if (!s) return [false, expected, `service ${check.object.name} does not exist`];
      return [s.endpoints.length === check.endpoints, expected, `${s.endpoints.length} endpoint(s)${s.endpoints.length ? ': ' + s.endpoints.join(', ') : ''}`];
    }
    case 'event': return eventVerdict(check, ctx.events);
    case 'applied': {
      const ok = ctx.applyErrors.length === 0;
      const matches = check.message === undefined || ctx.applyErrors.some((e) => e.includes(check.message as string));
      const expected = check.ok ? 'the change is accepted' : `the change is refused${check.message ? ` with "${check.message}"` : ''}`;
      return [ok === check.ok && (check.ok || matches), expected, ok ? 'accepted' : `refused: ${ctx.applyErrors.join('; ')}`];
    }
  }
}

function ns(ref: ObjectRef): string {
  return ref.namespace ?? 'default';
}

function podsVerdict(check: Extract<Check, { type: 'pods' }>, ctx: CheckContext): [boolean, string, string] {
  const matching = ctx.snapshot.pods.filter((p) =>
    (check.namespace === undefined || p.namespace === check.namespace)
    && selectorMatches(check.selector, ctx.podLabels(p.namespace, p.name))
    && podMatches(p, check));
  const what = [check.selector.length ? selectorText(check.selector) : 'any labels', check.phase && `phase ${check.phase}`, check.status && `status ${check.status}`, check.node && `on ${check.node}`, check.ready !== undefined && (check.ready ? 'Ready' : 'not Ready')].filter(Boolean).join(', ');
  const list = matching.slice(0, 6).map((p) => `${p.name} on ${p.node ?? 'no node'}`).join(', ') + (matching.length > 6 ? `, and ${matching.length - 6} more` : '');
  return [matching.length === check.count, `${check.count} pod(s) (${what})`, `${matching.length}${matching.length ? ': ' + list : ''}`];
}

function podMatches(p: Pod, c: { phase?: string; status?: string; node?: string | null; ready?: boolean }): boolean {
  return (c.phase === undefined || p.phase === c.phase) && (c.status === undefined || p.reason === c.status)
    && (c.node === undefined || p.node === c.node) && (c.ready === undefined || p.ready === c.ready);
}

function podVerdict(check: Extract<Check, { type: 'pod' }>, snap: ClusterSnapshot): [boolean, string, string] {
  const p = snap.pods.find((x) => x.name === check.name && x.namespace === (check.namespace ?? 'default'));
  const wants = [check.node !== undefined && `on ${check.node ?? 'no node'}`, check.phase && `phase ${check.phase}`, check.status && `status ${check.status}`, check.ready !== undefined && (check.ready ? 'Ready' : 'not Ready')].filter(Boolean).join(', ');
  if (check.exists === false) return [!p, `pod ${check.name} is gone`, p ? `pod ${check.name} exists (${p.reason} on ${p.node ?? 'no node'})` : `pod ${check.name} does not exist`];
  if (!p) return [false, `pod ${check.name}${wants ? ' ' + wants : ' exists'}`, `pod ${check.name} does not exist`];
  return [podMatches(p, check), `pod ${check.name}${wants ? ' ' + wants : ' exists'}`, `pod ${check.name} ${p.reason} on ${p.node ?? 'no node'}${p.ready ? ', Ready' : ''}${p.message ? ` (${p.message})` : ''}`];
}

function nodeVerdict(check: Extract<Check, { type: 'node' }>, snap: ClusterSnapshot): [boolean, string, string] {
  const n = snap.cluster.nodes.find((x) => x.name === check.name);
  const wants = [check.ready !== undefined && (check.ready ? 'Ready' : 'NotReady'), check.up !== undefined && (check.up ? 'up' : 'down'), check.pods !== undefined && `${check.pods} pod(s)`].filter(Boolean).join(', ');
  if (!n) return [false, `node ${check.name} ${wants}`, `node ${check.name} does not exist`];
  const ok = (check.ready === undefined || n.ready === check.ready) && (check.up === undefined || n.up === check.up) && (check.pods === undefined || n.pods === check.pods);
  return [ok, `node ${check.name} ${wants}`, `node ${check.name} ${n.ready ? 'Ready' : 'NotReady'}, ${n.up ? 'up' : 'down'}, ${n.pods} pod(s)`];
}

function eventVerdict(check: Extract<Check, { type: 'event' }>, events: readonly SimEvent[]): [boolean, string, string] {
  const found = events.filter((e) => e.reason === check.reason
    && (check.eventType === undefined || e.type === check.eventType)
    && (check.component === undefined || e.component === check.component)
    && (check.object === undefined || (e.object !== null && e.object.kind === check.object.kind && e.object.name === check.object.name
      && (check.object.namespace === undefined || (e.object.namespace ?? 'default') === check.object.namespace))));
  const what = `${check.eventType ?? ''} ${check.reason} event${check.object ? ` on ${refText(check.object)}` : ''}${check.component ? ` from ${check.component}` : ''}`.trim();
  const seen = found.length ? `${found.length} such event(s); first: ${found[0].message}` : `none; this step's events: ${summarise(events)}`;
  return [(found.length > 0) === check.present, check.present ? what : `no ${what}`, seen];
}

function summarise(events: readonly SimEvent[]): string {
  if (events.length === 0) return 'none';
  const counts = new Map<string, number>();
  for (const e of events) counts.set(e.reason, (counts.get(e.reason) ?? 0) + 1);
  return [...counts].slice(0, 8).map(([r, n]) => `${r}×${n}`).join(', ');
}
