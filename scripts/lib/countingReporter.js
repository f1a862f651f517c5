// Mocha's spec reporter, plus the run's totals written to $KA_STATS_FILE for scripts/test.js.
const fs = require('fs');
const Mocha = require('mocha');

class CountingReporter extends Mocha.reporters.Spec {
  constructor(runner, options) {
    super(runner, options);
    runner.once('end', () => {
      const { passes, failures, pending } = runner.stats;
      if (process.env.KA_STATS_FILE) fs.writeFileSync(process.env.KA_STATS_FILE, JSON.stringify({ passes, failures, pending }));
    });
  }
}

module.exports = CountingReporter;
