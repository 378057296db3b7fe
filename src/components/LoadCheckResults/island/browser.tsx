/** Browser build: the load-check tables keep their server markup (../../StaticIsland). */
import type {ComponentProps} from 'react';
import type * as Real from '../components';
import {browserIsland} from '../../StaticIsland/browser';

const load = () => import('../components');

export const LoadCheckTable = browserIsland<ComponentProps<typeof Real.LoadCheckTable>>('div', 'LoadCheckTable', () => load().then((m) => m.LoadCheckTable));
export const LoadCheckControls = browserIsland<ComponentProps<typeof Real.LoadCheckControls>>('div', 'LoadCheckControls', () => load().then((m) => m.LoadCheckControls));
export const LoadCheckPresets = browserIsland<ComponentProps<typeof Real.LoadCheckPresets>>('div', 'LoadCheckPresets', () => load().then((m) => m.LoadCheckPresets));
export const LoadCheckSetup = browserIsland<ComponentProps<typeof Real.LoadCheckSetup>>('div', 'LoadCheckSetup', () => load().then((m) => m.LoadCheckSetup));
export const LoadCheckSummary = browserIsland<ComponentProps<typeof Real.LoadCheckSummary>>('div', 'LoadCheckSummary', () => load().then((m) => m.LoadCheckSummary));
