/**
 * Small pure helpers of the calculator's view: severity labels (never colour alone), number
 * formatting that is the same on the server and in every browser, the engine call that never
 * throws, and the link to a state.
 */
import {evaluate} from '../../lib/dovecot/calculator';
import type {CalculatorInput, CalculatorResult, Finding, Severity} from '../../lib/dovecot/calculator/types';
import {CALCULATOR_PATH} from './state';
import {formatNumber as writeNumber} from '../../lib/numberFormat';

export const SEVERITY: Readonly<Record<Severity, {label: string; icon: string}>> = {
  ok: {label: 'OK', icon: '✓'},
  info: {label: 'Note', icon: 'i'},
  warning: {label: 'Warning', icon: '!'},
  danger: {label: 'Danger', icon: '✕'},
};

export function severityOf(value: unknown): Severity {
  return value === 'ok' || value === 'info' || value === 'warning' || value === 'danger' ? value : 'info';
}

/** A finding's number for display: grouped digits, at most 2 decimals, fixed locale. */
export function formatNumber(value: number | string): string {
  if (typeof value === 'string') return value;
  if (!Number.isFinite(value)) return value > 0 ? '∞' : value < 0 ? '−∞' : '—';
  return writeNumber(value, 2);
}

/**
 * The entries of a finding's `numbers` worth showing: numbers and short words; long texts (log
 * lines, doveconf messages) only when the verdict and explanation do not already quote them.
 */
export function visibleNumbers(f: Pick<Finding, 'numbers' | 'verdict' | 'explanation'>): [string, number | string][] {
  if (!f.numbers || typeof f.numbers !== 'object') return [];
  const prose = `${String(f.verdict)} ${String(f.explanation)}`;
  return Object.entries(f.numbers).filter(
    ([, v]) => typeof v === 'number' || (typeof v === 'string' && (v.length <= 40 || !prose.includes(v))),
  );
}

/** A finding's number name for display: `peak_connections` and `peakConnections` → "peak connections". */
export function numberLabel(key: string): string {
  return key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/_/g, ' ')
    .toLowerCase();
}

export const EMPTY_RESULT: CalculatorResult = {findings: [], problems: [], effective: null, config: ''};

/** The engine's result; a bug in the engine becomes a message, never a crashed page. */
export function safeEvaluate(input: CalculatorInput): {result: CalculatorResult; error: string | null} {
  try {
    const r = evaluate(input);
    return {
      result: {
        findings: Array.isArray(r?.findings) ? r.findings : [],
        problems: Array.isArray(r?.problems) ? r.problems : [],
        effective: r?.effective ?? null,
        config: typeof r?.config === 'string' ? r.config : '',
      },
      error: null,
    };
  } catch (e) {
    return {result: EMPTY_RESULT, error: e instanceof Error ? e.message : String(e)};
  }
}

/** The absolute link to /calculator with `query`. */
export function calculatorUrl(origin: string, query: string): string {
  return `${origin.replace(/\/+$/, '')}${CALCULATOR_PATH}?${query}`;
}

/** Only site-internal paths are followed from a finding's "Read more"; anything else goes to /services. */
export function safeLink(link: unknown): string {
  return typeof link === 'string' && /^\/(?!\/)[\w\-./#]*$/.test(link) ? link : '/services';
}

/** Splits text on backticks into plain and code parts (hints from the catalog use `unlimited`). */
export function codeParts(text: string): {code: boolean; text: string}[] {
  return text.split('`').map((t, i) => ({code: i % 2 === 1, text: t})).filter((p) => p.text !== '');
}
