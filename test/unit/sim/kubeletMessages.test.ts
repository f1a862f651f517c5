import assert from 'node:assert/strict';
import { goDuration, imageSize, pulledMessage } from '../../../src/core/sim/kubelet/messages';

describe('kubelet event messages', () => {
  it('prints durations as Go time.Duration does and a deterministic simulated image size', () => {
    assert.deepEqual([goDuration(0), goDuration(5), goDuration(65), goDuration(3600)], ['0s', '5s', '1m5s', '1h0m0s']);
    assert.equal(imageSize('nginx:1.27'), imageSize('nginx:1.27'));
    assert.equal(pulledMessage('nginx:1.27', 5), `Successfully pulled image "nginx:1.27" in 5s (5s including waiting). Image size: ${imageSize('nginx:1.27')} bytes.`);
  });
});
