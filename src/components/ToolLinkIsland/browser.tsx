/**
 * Browser build: the docs links into the widgets keep their server markup (../StaticIsland), so
 * docs pages do not ship the widgets' link formats and the catalog behind them.
 */
import type {CalculatorLinkProps, GeneratorLinkProps} from '../ToolLink';
import {browserIsland} from '../StaticIsland/browser';

export const CalculatorLink = browserIsland<CalculatorLinkProps>('span', 'CalculatorLink', () => import('../ToolLink').then((m) => m.CalculatorLink));
export const GeneratorLink = browserIsland<GeneratorLinkProps>('span', 'GeneratorLink', () => import('../ToolLink').then((m) => m.GeneratorLink));
