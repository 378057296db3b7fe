/**
 * The implications calculator: a version, a service, its settings as typed and a load in;
 * findings, input problems, the effective limits and the implied config out. Pure.
 */
import type {CalculatorInput, CalculatorResult} from './types';

export * from './types';

/** Stub: the engine lands in a following commit. Never throws. */
export function evaluate(input: CalculatorInput): CalculatorResult {
  void input;
  return {findings: [], problems: [], effective: null, config: ''};
}
