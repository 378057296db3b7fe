/**
 * For the generator tests: the sums doveconf checks (W1 for auth's client_limit, W2 for anvil's),
 * recomputed from the catalog's per-service defaults and the settings a config text sets —
 * written separately from the generator's own sizing code, from the rule as FACTS.md §4 states it:
 *  W1 = Σ process_limit over enabled services with a protocol, except imap-hibernate, that are
 *       login services or whose service_count / restart_request_count is not 1;
 *  W2 = 2 + Σ process_limit over enabled login services + auth's process_limit.
 */
import {listServices, serviceDefaults} from '../../src/lib/dovecot/catalog';
import {parseConfig} from '../../src/lib/dovecot/conf';
import type {Version} from './doveconf';

/** `service NAME { key = value }` settings of a config text, by service. */
export function serviceSettingsOf(text: string): Map<string, Map<string, string>> {
  const out = new Map<string, Map<string, string>>();
  for (const node of parseConfig(text).tree.children) {
    if (node.kind !== 'section' || node.type !== 'service' || !node.name) continue;
    const m = out.get(node.name) ?? new Map<string, string>();
    for (const c of node.children) if (c.kind === 'setting') m.set(c.key, c.value);
    out.set(node.name, m);
  }
  return out;
}

/** Top-level `key = value` settings of a config text. */
export function globalSettingsOf(text: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const node of parseConfig(text).tree.children) if (node.kind === 'setting') out.set(node.key, node.value);
  return out;
}

export interface Sums {
  w1: number;
  w1Terms: string[];
  w2: number;
  /** auth's client_limit in force (set in the text, or the default). */
  authClientLimit: number;
  anvilClientLimit: number;
}

export function protocolWord(p: string): string {
  return p === 'managesieve' ? 'sieve' : p;
}

export function independentSums(version: Version, configVersion: string, protocols: readonly string[], text: string): Sums {
  const opts = version === '2.4' ? {configVersion} : undefined;
  const words = protocols.map(protocolWord);
  const set = serviceSettingsOf(text);
  const restartKey = version === '2.3' ? 'service_count' : 'restart_request_count';
  const value = (service: string, key: string): string => {
    const own = set.get(service)?.get(key);
    if (own !== undefined) return own;
    return serviceDefaults(version, service, opts).settings[key].effective;
  };
  const processLimit = (service: string): number => {
    const raw = value(service, 'process_limit');
    // 2.3: 0 means default_process_limit (100); the generator must never write it anyway.
    if (version === '2.3' && raw === '0') return 100;
    const n = Number(raw);
    if (!Number.isInteger(n) || n <= 0) throw new Error(`service ${service}: process_limit ${raw}`);
    return n;
  };
  const countOf = (raw: string): number | 'unlimited' => {
    if (raw === 'unlimited' || (version === '2.3' && raw === '0')) return 'unlimited';
    return Number(raw);
  };

  let w1 = 0;
  const w1Terms: string[] = [];
  let w2 = 2;
  for (const service of listServices(version)) {
    const d = serviceDefaults(version, service, opts);
    if (d.protocol === '' || !words.includes(d.protocol)) continue;
    const isLogin = d.type === 'login';
    if (isLogin) w2 += processLimit(service);
    if (service === 'imap-hibernate') continue;
    if (isLogin || countOf(value(service, restartKey)) !== 1) {
      w1 += processLimit(service);
      w1Terms.push(`${service} ${processLimit(service)}`);
    }
  }
  w2 += processLimit('auth');
  const clientLimit = (service: string) => {
    const raw = value(service, 'client_limit');
    return version === '2.3' && raw === '0' ? 1000 : Number(raw);
  };
  return {w1, w1Terms, w2, authClientLimit: clientLimit('auth'), anvilClientLimit: clientLimit('anvil')};
}
