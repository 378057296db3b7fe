import {describe, expect, it} from 'vitest';
import {exampleRunId, meetsExpectation, outcomeText, runAnchor} from './results';
import type {Reason} from './verdict';

const statsReached: Reason = {check: 'reached', message: 'a limit was reached (9 log lines)', lines: ['master: Warning: service(stats): client_limit (1000) reached, client connections are being dropped']};

describe('expectations', () => {
  it('a config must pass', () => {
    expect(meetsExpectation({pass: true}, true, [])).toBe(true);
    expect(meetsExpectation({pass: true}, false, [statsReached])).toBe(false);
  });

  it('a control must fail with its check and line, not just fail', () => {
    const expect1 = {pass: false as const, check: 'reached' as const, line: String.raw`service\(stats\): client_limit \(1000\) reached`};
    expect(meetsExpectation(expect1, false, [statsReached])).toBe(true);
    expect(meetsExpectation(expect1, true, [])).toBe(false);
    expect(meetsExpectation(expect1, false, [{check: 'latency', message: 'login latency p99 26100 ms is above the bound of 2000 ms'}])).toBe(false);
    expect(meetsExpectation({...expect1, line: String.raw`service\(imap\)`}, false, [statsReached])).toBe(false);
  });

  it('says the outcome in words', () => {
    expect(outcomeText({expect: {pass: true}, passed: true, asExpected: true})).toBe('held');
    expect(outcomeText({expect: {pass: true}, passed: false, asExpected: false})).toBe('failed');
    expect(outcomeText({expect: {pass: false, check: 'fd', line: 'x'}, passed: false, asExpected: true})).toBe('failed as expected');
    expect(outcomeText({expect: {pass: false, check: 'fd', line: 'x'}, passed: true, asExpected: false})).toBe('held, but should have failed');
  });
});

describe('ids', () => {
  it('names a wiki block by page, heading and version', () => {
    expect(exampleRunId('docs/login-processes.mdx', 'tls-worked-example', '2.4', 1)).toBe('example-login-processes-tls-worked-example-2.4');
    expect(exampleRunId('docs/services/choosing.mdx', null, '2.3', 2)).toBe('example-services-choosing-top-2.3-2');
  });

  it('makes anchors of ids', () => {
    expect(runAnchor('example-login-processes-tls-worked-example-2.4')).toBe('load-example-login-processes-tls-worked-example-2-4');
  });
});
