/** Server render (and Node): the real measured components, each in its island wrapper. */
import type {ComponentProps} from 'react';
import * as Real from '../components';
import * as Sections from '../sections';
import {serverIsland} from '../../StaticIsland/server';

export const MeasuredFactorTable = serverIsland<ComponentProps<typeof Real.MeasuredFactorTable>>('div', 'MeasuredFactorTable', Real.MeasuredFactorTable);
export const MeasuredLeftOut = serverIsland<ComponentProps<typeof Real.MeasuredLeftOut>>('div', 'MeasuredLeftOut', Real.MeasuredLeftOut);
export const MeasuredLogLines = serverIsland<ComponentProps<typeof Real.MeasuredLogLines>>('div', 'MeasuredLogLines', Real.MeasuredLogLines);
export const MeasuredMethods = serverIsland<ComponentProps<typeof Real.MeasuredMethods>>('div', 'MeasuredMethods', Real.MeasuredMethods);
export const MeasuredMetricChart = serverIsland<ComponentProps<typeof Real.MeasuredMetricChart>>('div', 'MeasuredMetricChart', Real.MeasuredMetricChart);
export const MeasuredModeTable = serverIsland<ComponentProps<typeof Real.MeasuredModeTable>>('div', 'MeasuredModeTable', Real.MeasuredModeTable);
export const MeasuredNoise = serverIsland<ComponentProps<typeof Real.MeasuredNoise>>('div', 'MeasuredNoise', Real.MeasuredNoise);
export const MeasuredProcessMemory = serverIsland<ComponentProps<typeof Real.MeasuredProcessMemory>>('div', 'MeasuredProcessMemory', Real.MeasuredProcessMemory);
export const MeasuredSetup = serverIsland<ComponentProps<typeof Real.MeasuredSetup>>('div', 'MeasuredSetup', Real.MeasuredSetup);
export const MeasuredLegacyCacheNote = serverIsland<ComponentProps<typeof Real.MeasuredLegacyCacheNote>>('div', 'MeasuredLegacyCacheNote', Real.MeasuredLegacyCacheNote);
export const MeasuredFigure = serverIsland<ComponentProps<typeof Real.MeasuredFigure>>('span', 'MeasuredFigure', Real.MeasuredFigure);
export const MeasuredAuthCache = serverIsland<ComponentProps<typeof Sections.MeasuredAuthCache>>('div', 'MeasuredAuthCache', Sections.MeasuredAuthCache);
export const MeasuredTlsMemory = serverIsland<ComponentProps<typeof Sections.MeasuredTlsMemory>>('div', 'MeasuredTlsMemory', Sections.MeasuredTlsMemory);
export const MeasuredReload = serverIsland<ComponentProps<typeof Sections.MeasuredReload>>('div', 'MeasuredReload', Sections.MeasuredReload);
