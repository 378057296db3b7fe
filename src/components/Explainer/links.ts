/**
 * Links out of the explainer: the calculator prefilled with a service's settings (through the
 * calculator's own URL codec) and the site pages the core names. Pure.
 */
import type {CalculatorPrefill} from '../../lib/dovecot/explain/types';
import {CALCULATOR_PATH, hasService, presetForm, queryFor} from '../ServiceCalculator/state';

/** `/calculator?s=2&v=2.3&svc=auth&cl=1224`; null for a service the calculator does not have. */
export function calculatorLink(p: CalculatorPrefill): string | null {
  if (!hasService(p.version, p.service)) return null;
  const form = {...presetForm(p.service, p.settings, undefined), version: p.version};
  return `${CALCULATOR_PATH}?${queryFor(form)}`;
}

/** Only site-internal paths are linked (the core only makes those; this is a second lock). */
export function internal(link: string | undefined): string | null {
  return typeof link === 'string' && /^\/(?!\/)[\w\-./#]*$/.test(link) ? link : null;
}

/** Splits text on backticks into plain and code parts. */
export function codeParts(text: string): {code: boolean; text: string}[] {
  return text.split('`').map((t, i) => ({code: i % 2 === 1, text: t})).filter((p) => p.text !== '');
}
