// The calculator's `config` against the real doveconf: for random calculator states, the printed
// config (the input plus the auth/anvil client_limit the W1/W2 warnings ask for) is clean in
// doveconf exactly when the calculator reports no doveconf error, and otherwise doveconf fails
// with the very message of the calculator's rule-E* finding.
import fc from 'fast-check';
import {beforeAll, describe, expect, it} from 'vitest';
import {evaluate} from '../../src/lib/dovecot/calculator';
import {requireBinaries, type Version} from './doveconf';
import {mapLimit, runDoveconfAsync} from './rules-async';

beforeAll(() => requireBinaries());

const SERVICES = ['imap', 'imap-login', 'pop3', 'pop3-login', 'lmtp', 'submission', 'submission-login', 'managesieve', 'managesieve-login', 'auth', 'anvil', 'auth-worker', 'stats', 'dict'];

function stateArb(version: Version) {
  const v24 = version === '2.4';
  const opt = (values: string[]) => fc.option(fc.constantFrom(...values), {nil: undefined});
  return fc.record({
    service: fc.constantFrom(...SERVICES),
    settings: fc.record({
      process_limit: opt(['1', '2', '10', '100', '5000', ...(v24 ? ['unlimited'] : ['0'])]),
      client_limit: opt(['1', '10', '1000', '5000', ...(v24 ? ['unlimited'] : ['0'])]),
      restart_request_count: opt(['1', '100', v24 ? 'unlimited' : '0']),
      process_min_avail: opt(['0', '1', '4', '20']),
      vsz_limit: opt(['256M', '1 GB', '2 MiB', v24 ? 'unlimited' : '0']),
    }),
  });
}

describe.each(['2.3', '2.4'] as const)('calculator config in real doveconf %s', (version) => {
  it('is clean exactly when no doveconf error is reported', async () => {
    const states = fc.sample(stateArb(version), {seed: 99, numRuns: 150});
    const results = states.map((s) =>
      evaluate({version, service: s.service, settings: s.settings, load: {peakConnections: 100, connectionsPerSecond: 10, cores: 4, ramGiB: 8}}),
    );
    const runs = await mapLimit(results, 4, (r) => runDoveconfAsync(version, r.config));
    let clean = 0;
    results.forEach((r, i) => {
      const run = runs[i];
      const stderr = run.stderr
        .split('\n')
        .filter((l) => l !== '' && !/dump-capability process returned 89/.test(l))
        .map((l) => l.split(run.path).join('F'));
      const error = r.findings.find((f) => f.id.startsWith('rule-E'));
      const context = `${states[i].service} ${JSON.stringify(states[i].settings)}\n${r.config}\n${stderr.join('\n')}`;
      expect(r.problems, context).toEqual([]);
      if (error) {
        expect(run.exitCode, context).toBe(89);
        expect(stderr, context).toContain(`doveconf: Fatal: Error in configuration file F: ${error.explanation}`);
      } else {
        expect({exit: run.exitCode, stderr}, context).toEqual({exit: 0, stderr: []});
        clean++;
      }
    });
    // both outcomes occur in the sample
    expect(clean).toBeGreaterThan(20);
    expect(clean).toBeLessThan(results.length);
  }, 120_000);
});
