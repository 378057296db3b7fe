/** Browser build: the measured tables and charts keep their server markup (../../StaticIsland). */
import type {ComponentProps} from 'react';
import type * as Real from '../components';
import type * as Sections from '../sections';
import {browserIsland} from '../../StaticIsland/browser';

const load = () => import('../components');
const loadSections = () => import('../sections');

export const MeasuredFactorTable = browserIsland<ComponentProps<typeof Real.MeasuredFactorTable>>('div', 'MeasuredFactorTable', () => load().then((m) => m.MeasuredFactorTable));
export const MeasuredLeftOut = browserIsland<ComponentProps<typeof Real.MeasuredLeftOut>>('div', 'MeasuredLeftOut', () => load().then((m) => m.MeasuredLeftOut));
export const MeasuredLogLines = browserIsland<ComponentProps<typeof Real.MeasuredLogLines>>('div', 'MeasuredLogLines', () => load().then((m) => m.MeasuredLogLines));
export const MeasuredMethods = browserIsland<ComponentProps<typeof Real.MeasuredMethods>>('div', 'MeasuredMethods', () => load().then((m) => m.MeasuredMethods));
export const MeasuredMetricChart = browserIsland<ComponentProps<typeof Real.MeasuredMetricChart>>('div', 'MeasuredMetricChart', () => load().then((m) => m.MeasuredMetricChart));
export const MeasuredModeTable = browserIsland<ComponentProps<typeof Real.MeasuredModeTable>>('div', 'MeasuredModeTable', () => load().then((m) => m.MeasuredModeTable));
export const MeasuredNoise = browserIsland<ComponentProps<typeof Real.MeasuredNoise>>('div', 'MeasuredNoise', () => load().then((m) => m.MeasuredNoise));
export const MeasuredProcessMemory = browserIsland<ComponentProps<typeof Real.MeasuredProcessMemory>>('div', 'MeasuredProcessMemory', () => load().then((m) => m.MeasuredProcessMemory));
export const MeasuredSetup = browserIsland<ComponentProps<typeof Real.MeasuredSetup>>('div', 'MeasuredSetup', () => load().then((m) => m.MeasuredSetup));
export const MeasuredLegacyCacheNote = browserIsland<ComponentProps<typeof Real.MeasuredLegacyCacheNote>>('div', 'MeasuredLegacyCacheNote', () => load().then((m) => m.MeasuredLegacyCacheNote));
export const MeasuredFigure = browserIsland<ComponentProps<typeof Real.MeasuredFigure>>('span', 'MeasuredFigure', () => load().then((m) => m.MeasuredFigure));
export const MeasuredAuthCache = browserIsland<ComponentProps<typeof Sections.MeasuredAuthCache>>('div', 'MeasuredAuthCache', () => loadSections().then((m) => m.MeasuredAuthCache));
export const MeasuredTlsMemory = browserIsland<ComponentProps<typeof Sections.MeasuredTlsMemory>>('div', 'MeasuredTlsMemory', () => loadSections().then((m) => m.MeasuredTlsMemory));
export const MeasuredReload = browserIsland<ComponentProps<typeof Sections.MeasuredReload>>('div', 'MeasuredReload', () => loadSections().then((m) => m.MeasuredReload));
