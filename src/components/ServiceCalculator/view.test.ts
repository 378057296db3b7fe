// The calculator view's pure helpers: severity labels, number formatting, the guarded engine call,
// links and which numbers a card shows.
import {describe, expect, it} from 'vitest';
import {SEVERITY, calculatorUrl, codeParts, formatNumber, numberLabel, safeEvaluate, safeLink, severityOf, visibleNumbers} from './view';

describe('view helpers', () => {
  it('labels every severity with text and an icon', () => {
    for (const s of ['ok', 'info', 'warning', 'danger'] as const) {
      expect(SEVERITY[s].label).toMatch(/^[A-Z]/);
      expect(SEVERITY[s].icon).not.toBe('');
    }
    expect(severityOf('danger')).toBe('danger');
    expect(severityOf('<b>')).toBe('info');
    expect(severityOf(undefined)).toBe('info');
  });

  it('formats numbers the same everywhere', () => {
    expect(formatNumber(102400)).toBe('102,400');
    expect(formatNumber(0.3333)).toBe('0.33');
    expect(formatNumber(Number.POSITIVE_INFINITY)).toBe('∞');
    expect(formatNumber(Number.NaN)).toBe('—');
    expect(formatNumber('unlimited')).toBe('unlimited');
    expect(numberLabel('max_connections')).toBe('max connections');
    expect(numberLabel('peakConnections')).toBe('peak connections');
  });

  it('follows only site-internal links', () => {
    expect(safeLink('/services/client-limit#file-descriptors')).toBe('/services/client-limit#file-descriptors');
    expect(safeLink('javascript:alert(1)')).toBe('/services');
    expect(safeLink('//evil.example/x')).toBe('/services');
    expect(safeLink('https://evil.example/')).toBe('/services');
    expect(safeLink('/x"><img')).toBe('/services');
    expect(safeLink(undefined)).toBe('/services');
  });

  it('builds the absolute link', () => {
    expect(calculatorUrl('https://wiki.example/', 's=1&v=2.4')).toBe('https://wiki.example/calculator?s=1&v=2.4');
  });

  it('splits backticks into code', () => {
    expect(codeParts('write `unlimited` for no limit')).toEqual([
      {code: false, text: 'write '},
      {code: true, text: 'unlimited'},
      {code: false, text: ' for no limit'},
    ]);
  });

  it('shows numbers and short words, and long texts only when not already in the prose', () => {
    const log = 'service(imap): process_limit (1024) reached, client connections are being dropped';
    expect(
      visibleNumbers({
        verdict: 'v',
        explanation: `When full the master logs: ${log}`,
        numbers: {a: 1, pattern: 'one-per-connection', log_line: log, other: 'x'.repeat(50)},
      }),
    ).toEqual([
      ['a', 1],
      ['pattern', 'one-per-connection'],
      ['other', 'x'.repeat(50)],
    ]);
  });

  it('turns an engine failure into a message', () => {
    const r = safeEvaluate({version: '2.4', service: 'imap', settings: {}, load: {peakConnections: 1000, connectionsPerSecond: 10, cores: 4, ramGiB: 8}});
    expect(r.error).toBeNull();
    expect(r.result.findings.length).toBeGreaterThan(0);
    // whatever the engine does with nonsense, the view gets arrays and a string config
    for (const input of [null, {}, {version: '9', service: {}, settings: null, load: 'x'}]) {
      const bad = safeEvaluate(input as never);
      expect(Array.isArray(bad.result.findings)).toBe(true);
      expect(Array.isArray(bad.result.problems)).toBe(true);
      expect(typeof bad.result.config).toBe('string');
    }
  });
});
