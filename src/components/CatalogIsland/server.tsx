/** Server render (and Node): the catalog-driven MDX components, each in its island wrapper. */
import type {ComponentProps} from 'react';
import RealDefault from '../Default';
import RealDefaultsTable from '../DefaultsTable';
import RealSetting from '../Setting';
import {SettingDefaults as RealSettingDefaults, SettingInfo as RealSettingInfo} from '../SettingDefaults';
import {serverIsland} from '../StaticIsland/server';

export const Default = serverIsland<ComponentProps<typeof RealDefault>>('span', 'Default', RealDefault);
export const Setting = serverIsland<ComponentProps<typeof RealSetting>>('span', 'Setting', RealSetting);
export const DefaultsTable = serverIsland<ComponentProps<typeof RealDefaultsTable>>('div', 'DefaultsTable', RealDefaultsTable);
export const SettingInfo = serverIsland<ComponentProps<typeof RealSettingInfo>>('div', 'SettingInfo', RealSettingInfo);
export const SettingDefaults = serverIsland<ComponentProps<typeof RealSettingDefaults>>('div', 'SettingDefaults', RealSettingDefaults);
