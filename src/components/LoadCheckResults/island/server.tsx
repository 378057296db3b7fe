/** Server render (and Node): the real load-check components, each in its island wrapper. */
import type {ComponentProps} from 'react';
import * as Real from '../components';
import {serverIsland} from '../../StaticIsland/server';

export const LoadCheckTable = serverIsland<ComponentProps<typeof Real.LoadCheckTable>>('div', 'LoadCheckTable', Real.LoadCheckTable);
export const LoadCheckControls = serverIsland<ComponentProps<typeof Real.LoadCheckControls>>('div', 'LoadCheckControls', Real.LoadCheckControls);
export const LoadCheckPresets = serverIsland<ComponentProps<typeof Real.LoadCheckPresets>>('div', 'LoadCheckPresets', Real.LoadCheckPresets);
export const LoadCheckSetup = serverIsland<ComponentProps<typeof Real.LoadCheckSetup>>('div', 'LoadCheckSetup', Real.LoadCheckSetup);
export const LoadCheckSummary = serverIsland<ComponentProps<typeof Real.LoadCheckSummary>>('div', 'LoadCheckSummary', Real.LoadCheckSummary);
