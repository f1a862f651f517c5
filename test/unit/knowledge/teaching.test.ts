import * as assert from 'assert';
import { TEACHING } from '../../../src/core/knowledge';
import { simulationLine } from '../../../src/core/knowledge/fields/fieldHover';

const STATUS = /^(not |partly )?modelled\b|^partly\b/i;

describe('field teaching: what the simulation does with a field', () => {
  it('leaves the status to `modelled`: no simulation text starts with "Modelled", "Partly" or "Not modelled"', () => {
    const repeated = Object.entries(TEACHING).filter(([, t]) => STATUS.test(t.simulation)).map(([k]) => k);
    assert.deepStrictEqual(repeated, []);
  });

  it('prints the status once, then the detail (no "modelled. Modelled: …")', () => {
    assert.strictEqual(simulationLine(TEACHING['Deployment:spec.replicas']!), 'Modelled: change it and the controllers create or delete pods, which kube-scheduler then places.');
    assert.strictEqual(simulationLine(TEACHING['Service:spec.ports']!), 'Modelled.');
    assert.strictEqual(simulationLine(TEACHING['meta:finalizers']!), 'Not modelled: deletes are immediate.');
    for (const [key, t] of Object.entries(TEACHING)) {
      assert.strictEqual(simulationLine(t).match(/modelled/gi)?.length ?? 0, 1 + (t.simulation.match(/modelled/gi)?.length ?? 0), key);
    }
  });

  it('says what the engine now does: topology spread and pod affinity are scheduled, probes and priority act', () => {
    assert.strictEqual(TEACHING['pod:topologySpreadConstraints']?.modelled, 'yes');
    assert.notStrictEqual(TEACHING['pod:affinity.podAffinity']?.modelled, 'no');
    assert.notStrictEqual(TEACHING['pod:containers[].livenessProbe']?.modelled, 'no');
    assert.strictEqual(TEACHING['pod:priorityClassName']?.modelled, 'yes');
  });
});
