/**
 * Browser build: defaults, setting names and the settings reference keep their server markup
 * (../StaticIsland), so docs pages do not ship the settings catalog.
 */
import type {ComponentProps} from 'react';
import type RealDefault from '../Default';
import type RealDefaultsTable from '../DefaultsTable';
import type RealSetting from '../Setting';
import type {SettingDefaults as RealSettingDefaults, SettingInfo as RealSettingInfo} from '../SettingDefaults';
import {browserIsland} from '../StaticIsland/browser';

export const Default = browserIsland<ComponentProps<typeof RealDefault>>('span', 'Default', () => import('../Default').then((m) => m.default));
export const Setting = browserIsland<ComponentProps<typeof RealSetting>>('span', 'Setting', () => import('../Setting').then((m) => m.default));
export const DefaultsTable = browserIsland<ComponentProps<typeof RealDefaultsTable>>('div', 'DefaultsTable', () =>
  import('../DefaultsTable').then((m) => m.default),
);
export const SettingInfo = browserIsland<ComponentProps<typeof RealSettingInfo>>('div', 'SettingInfo', () =>
  import('../SettingDefaults').then((m) => m.SettingInfo),
);
export const SettingDefaults = browserIsland<ComponentProps<typeof RealSettingDefaults>>('div', 'SettingDefaults', () =>
  import('../SettingDefaults').then((m) => m.SettingDefaults),
);
