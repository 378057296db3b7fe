/**
 * Jobs for before hydration (src/client/beforeHydration.ts) that the widgets share: the catalog's
 * resolved defaults and limits of every service of a version, which both engines read first and
 * which take a good third of a cold first evaluation.
 */
import {effectiveLimits, listServices} from '@site/src/lib/dovecot/catalog';
import type {DovecotVersion} from '@site/src/lib/version';

export function warmServiceLimits(version: DovecotVersion, configVersion?: string): void {
  for (const s of listServices(version)) effectiveLimits(version, s, undefined, version === '2.4' && configVersion ? {configVersion} : undefined);
}
