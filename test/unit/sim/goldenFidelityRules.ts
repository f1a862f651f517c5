/** The rules of the fidelity golden scenarios (scheduling plugins, kubelet lifecycle, controllers and networking). */
import assert from 'node:assert/strict';
import type { ClusterSnapshot } from '../../../src/core/sim';

type Output = ClusterSnapshot;
type Rule = (out: Output, code: number) => void;

/** The pods of a Deployment (their names start with it). */
const podsOf = (o: Output, prefix: string): Output['pods'] => o.pods.filter((p) => p.name.startsWith(`${prefix}-`));

/** name → assertions. */
export const FIDELITY_RULES: Record<string, Rule> = {
  /** https://kubernetes.io/docs/concepts/scheduling-eviction/topology-spread-constraints/#spread-constraint-definition */
  'topology-spread-control-plane-counts-as-domain': (o, code) => {
    assert.equal(code, 0);
    const web = podsOf(o, 'web');
    assert.deepEqual(web.map((p) => p.node).filter(Boolean).sort(), ['worker-1', 'worker-2']);
    const pending = web.filter((p) => p.phase === 'Pending');
    assert.equal(pending.length, 1, 'the third replica would make skew 2 against the empty control-plane domain');
    assert.match(pending[0].message ?? '', /2 node\(s\) didn't match pod topology spread constraints\./);
    const api = podsOf(o, 'api');
    assert.ok(api.every((p) => p.phase === 'Running'), 'nodeTaintsPolicy: Honor leaves the control plane out');
  },
};
