/**
 * The links from a docs page into the calculator and the generator with the page's own numbers,
 * written by the widgets' own link formats (their state.ts), never by hand: a link always means
 * in the widget what it says on the page. Pure: no React, no DOM.
 */
import type {DovecotVersion} from '../../lib/version';
import {defaultsOf} from '../../lib/dovecot/permalink';
import type {CalculatorLoad, CalculatorSettings} from '../../lib/dovecot/calculator/types';
import {CALCULATOR_PATH, formIn, presetForm, queryFor as calculatorQuery} from '../ServiceCalculator/state';
import {GENERATOR_PATH, GENERATOR_SCHEMA, formFromState, queryFor as generatorQuery, type GenState} from '../ConfigGenerator/state';

/**
 * `/calculator?…` for a service with `settings` written as Dovecot 2.4 writes them (`unlimited`,
 * as the embedded calculator's presets are; a 2.3 link carries 2.3's spelling) and `load` over the
 * calculator's defaults.
 */
export function calculatorHref(
  version: DovecotVersion,
  service: string,
  settings?: CalculatorSettings,
  load?: Partial<CalculatorLoad>,
): string {
  return `${CALCULATOR_PATH}?${calculatorQuery(formIn(presetForm(service, settings, load), version))}`;
}

/** The generator's answers a page may set (every field of its link but the Dovecot version). */
export type GeneratorAnswers = Partial<Omit<GenState, 'version'>>;

/** `/generator?…` for `answers` over the generator's defaults. */
export function generatorHref(version: DovecotVersion, answers: GeneratorAnswers): string {
  const state: GenState = {...defaultsOf(GENERATOR_SCHEMA), ...answers, version};
  return `${GENERATOR_PATH}?${generatorQuery(formFromState(state))}`;
}
