/**
 * The load the explainer's calculator findings assume: the calculator's own defaults, so that a
 * finding and the calculator it links to agree.
 */
import type {ExplainOptions} from '../../lib/dovecot/explain/types';
import {defaultState} from '../ServiceCalculator/state';

function calculatorLoad(): NonNullable<ExplainOptions['load']> {
  const d = defaultState();
  return {peakConnections: d.peakConnections, connectionsPerSecond: d.connectionsPerSecond, cores: d.cores, ramGiB: d.ramGiB};
}

export const LOAD = calculatorLoad();

export function loadText(): string {
  return `${LOAD.peakConnections.toLocaleString('en-US')} connections at peak, ${LOAD.connectionsPerSecond} new per second, ${LOAD.cores} cores, ${LOAD.ramGiB} GiB RAM`;
}
