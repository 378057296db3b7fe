/**
 * The implications calculator: a version, a service, its settings as typed and a load in;
 * findings, input problems, the effective limits and the implied config out. Pure: no React,
 * no DOM, no Node APIs. Never throws.
 *
 * Defaults come from the settings catalog, doveconf's checks from rules.ts (run on the config the
 * input implies: the service block, the service's protocol enabled, everything else default).
 */
import type {DovecotVersion} from '../../version';
import {effectiveLimits, type EffectiveLimits, type Limit} from '../catalog';
import {printConfig, type Node, type SectionNode, type SettingNode} from '../conf';
import {analyzeConfig, defaultsOf, parseSizeSetting, resolveConfigServices, CPU_COUNT, type RuleResult, type RulesReport} from '../rules';
import {fieldName, protocolOfService, readInput, SETTING_FIELDS, type ReadInput} from './input';
import {MEASURED_BUILD} from '../measuredRss';
import {
  PEAK_HEADROOM,
  UNIT_LIMIT_NOFILE,
  protocolWord,
  defaultTasksMax,
  fdNeed,
  heldInLogin,
  limitNofileFor,
  memoryAtPeak,
  processesAtPeak,
  runningFromChecked,
  statsClients,
  tasksAtPeak,
  tasksMaxFor,
  threadsMax,
  type PeakLoad,
  type RunningService,
} from '../runtime';
import type {CalculatorInput, CalculatorResult, Finding, Severity} from './types';

export * from './types';
export {fieldName, SETTING_FIELDS} from './input';

const POS = {line: 0, column: 0};
const setting = (key: string, value: string): SettingNode => ({kind: 'setting', key, value, pos: POS});
const section = (type: string, name: string, children: Node[]): SectionNode => ({kind: 'section', type, name, children, pos: POS});
const comment = (text: string): Node => ({kind: 'comment', text: ` ${text}`, pos: POS});

/** 1234567 → "1,234,567"; Infinity → "unlimited". */
export function fmt(n: number): string {
  if (!Number.isFinite(n)) return 'unlimited';
  const r = Math.round(n * 100) / 100;
  const [i, d] = String(r).split('.');
  return i.replace(/\B(?=(\d{3})+(?!\d))/g, ',') + (d ? `.${d}` : '');
}

const num = (l: Limit): number => (l === 'unlimited' ? Infinity : l);
const tex = (n: number): string => (Number.isFinite(n) ? String(Math.round(n * 100) / 100) : '\\infty');

function bytesText(b: number): string {
  const units: [number, string][] = [[1024 ** 4, 'TiB'], [1024 ** 3, 'GiB'], [1024 ** 2, 'MiB'], [1024, 'KiB']];
  for (const [size, unit] of units) if (b >= size) return `${fmt(b / size)} ${unit}`;
  return `${fmt(b)} B`;
}

/** The settings as the catalog's effectiveLimits reads them (its own names and plain numbers). */
function catalogOverrides(r: ReadInput): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of SETTING_FIELDS) {
    let v = r.settings[f];
    if (v === undefined) continue;
    if (f === 'vsz_limit') {
      const p = parseSizeSetting(r.version, v);
      v = p.ok ? (r.version === '2.4' && p.value === (1n << 64n) - 1n ? 'unlimited' : p.value.toString()) : undefined;
    } else if (f === 'process_min_avail') {
      if (v === CPU_COUNT) v = String(r.load.cores);
      else if (v === 'unlimited') v = '4294967295';
    }
    if (v !== undefined) out[fieldName(r.version, f)] = v;
  }
  return out;
}

function limitsFor(r: ReadInput): EffectiveLimits {
  const opts = r.version === '2.4' ? {configVersion: r.configVersion} : undefined;
  try {
    return effectiveLimits(r.version, r.service, {service: catalogOverrides(r)}, opts);
  } catch {
    // a combination doveconf refuses (reported by the rules); describe the defaults instead
    return effectiveLimits(r.version, r.service, undefined, opts);
  }
}

/**
 * auth-worker processes a default config may run: 2.4's service process_limit 30, 2.3's
 * auth_worker_max_count 30 (its service allows 100).
 */
const AUTH_WORKERS = 30;

/** The config the input implies: header (2.4), the chosen protocols, the service block. */
function impliedConfig(r: ReadInput): Node[] {
  const nodes: Node[] = [];
  if (r.version === '2.4') nodes.push(setting('dovecot_config_version', r.configVersion), setting('dovecot_storage_version', '2.4.1'));
  if (r.protocols.length > 0) nodes.push(setting('protocols', r.protocols.map(protocolWord).join(' ')));
  const body = SETTING_FIELDS.filter((f) => r.settings[f] !== undefined).map((f) => setting(fieldName(r.version, f), r.settings[f]!));
  nodes.push(section('service', r.service, body));
  return nodes;
}

const RULE_LINKS: Record<string, string> = {
  E1: '/troubleshooting#process-min-avail-higher',
  E2: '/troubleshooting#vsz-limit-too-low',
  E3: '/troubleshooting#process-limit-must-be-1',
  E4: '/troubleshooting#must-be-higher-than-0',
  E5: '/troubleshooting#must-be-higher-than-0',
  E6: '/troubleshooting#must-be-higher-than-0',
  E7: '/troubleshooting#must-be-higher-than-0',
  E8: '/troubleshooting#drop-priv-chroot',
  E9: '/troubleshooting#unknown-service-type',
  E11: '/troubleshooting#unknown-protocol',
  E15: '/troubleshooting#auth-cache-size-too-small',
  E16: '/troubleshooting#auth-worker-max-count-zero',
  E17: '/troubleshooting#first-setting-must-be-dovecot-config-version',
  E18: '/troubleshooting#dovecot-storage-version-must-be-set',
  E19: '/troubleshooting#invalid-dovecot-config-version',
  V1: '/troubleshooting#config-file-errors',
  W1: '/troubleshooting#auth-client-limit-warning',
  W2: '/troubleshooting#anvil-client-limit-warning',
  W4: '/troubleshooting#doveconf-warnings',
};

function ruleFinding(r: RuleResult): Finding {
  const error = r.severity === 'error';
  const titles: Record<string, string> = {W1: 'auth client_limit', W2: 'anvil client_limit'};
  return {
    id: `rule-${r.id}`,
    title: titles[r.id] ?? (error ? 'doveconf error' : 'doveconf warning'),
    severity: error ? 'danger' : 'warning',
    verdict: error ? 'doveconf refuses this configuration (exit 89).' : 'doveconf accepts this configuration but warns.',
    explanation: r.message,
    numbers: {...r.numbers, rule: r.id, message: r.message},
    link: RULE_LINKS[r.id] ?? '/troubleshooting#doveconf-warnings',
  };
}

/** The master's drop warning for this service, chosen as service_log_drop_warning() does. */
export function dropLogLine(version: DovecotVersion, service: string, l: EffectiveLimits): string {
  const p = num(l.process_limit);
  let what: string;
  let value: number;
  if (p > 1) {
    what = 'process_limit';
    value = p;
  } else if (l.restart_request_count === 1) {
    what = version === '2.3' ? 'client_limit/service_count' : 'client_limit/restart_request_count';
    value = 1;
  } else {
    what = 'client_limit';
    value = num(l.clientsPerProcess);
  }
  const shown = Number.isFinite(value) ? String(value) : '4294967295';
  return `service(${service}): ${what} (${shown}) reached, client connections are being dropped`;
}

type Pattern = 'one-per-connection' | 'reused-one-at-a-time' | 'restart-every-n' | 'many-per-process';

function patternOf(l: EffectiveLimits): Pattern {
  if (l.restart_request_count === 1) return 'one-per-connection';
  if (l.clientsPerProcess === 1) return l.restart_request_count === 'unlimited' ? 'reused-one-at-a-time' : 'restart-every-n';
  return 'many-per-process';
}

function evaluateUnsafe(input: CalculatorInput): CalculatorResult {
  const r = readInput(input);
  if (!r.serviceKnown) return {findings: [], problems: r.problems, effective: null, config: ''};
  const {version, service, load} = r;
  const defaults = defaultsOf(version, service, r.configVersion);
  const isLogin = defaults.type === 'login';
  const blocking = defaults.settings.client_limit?.effective === '1';
  const l = limitsFor(r);
  const rcName = fieldName(version, 'restart_request_count');

  const P = num(l.process_limit);
  const cl = num(l.client_limit);
  const n = num(l.restart_request_count);
  const c = num(l.clientsPerProcess);
  const ma = l.process_min_avail;
  const findings: Finding[] = [];

  // --- pattern
  const pattern = patternOf(l);
  const patternText: Record<Pattern, [string, string]> = {
    'one-per-connection': [
      'One connection per process',
      `${rcName} = 1: each process serves one connection and exits, so every connection costs a fork.`,
    ],
    'reused-one-at-a-time': [
      'Reused process, one connection at a time',
      `${rcName} unlimited with client_limit 1: a process serves connections one after another and stays around.`,
    ],
    'restart-every-n': [
      `Restart every ${fmt(n)} connections`,
      `client_limit 1 and ${rcName} = ${fmt(n)}: a process serves connections one after another and exits after ${fmt(n)}.`,
    ],
    'many-per-process': [
      `Many connections per process (up to ${fmt(c)})`,
      Number.isFinite(n)
        ? `A process serves up to ${fmt(c)} connections at the same time and exits after ${fmt(n)} in total.`
        : `A process serves up to ${fmt(c)} connections at the same time and lives on.`,
    ],
  };
  findings.push({
    id: 'pattern',
    title: 'Pattern',
    severity: 'info',
    verdict: patternText[pattern][0],
    explanation: patternText[pattern][1],
    numbers: {pattern, client_limit: l.client_limit, [rcName]: l.restart_request_count, clients_per_process: l.clientsPerProcess},
    link: `/services/choosing#${pattern}`,
  });

  // --- isolation
  {
    let severity: Severity;
    let verdict: string;
    let explanation: string;
    if (n === 1) {
      severity = 'ok';
      verdict = "Two connections never share a process.";
      explanation = 'Each process is used for one connection only, so nothing one user leaves in memory can reach another.';
    } else if (c > 1) {
      severity = 'warning';
      verdict = `Up to ${fmt(c)} users' connections share a process at the same time.`;
      explanation = `With client_limit > 1 one process holds several users' sessions at once, and with ${rcName} ≠ 1 it serves later users too. A bug in that process can expose one user's data to another.`;
    } else {
      severity = 'info';
      verdict = 'Users share a process one after another, never at the same time.';
      explanation = `With ${rcName} ≠ 1 a process is reused for later connections, possibly of other users; anything left in its memory survives into the next session.`;
    }
    findings.push({id: 'isolation', title: 'Isolation', severity, verdict, explanation, numbers: {clients_per_process: l.clientsPerProcess, [rcName]: l.restart_request_count}, link: '/services/service-count#security'});
  }

  // --- blocking
  {
    let severity: Severity = 'ok';
    let verdict: string;
    let explanation: string;
    let link = '/services/client-limit#client-limit-blocking';
    if (c <= 1) {
      verdict = 'One connection at a time per process: nothing can wait behind a slow one.';
      explanation = 'With an effective client_limit of 1 a process never has another connection to neglect.';
    } else if (blocking) {
      severity = 'warning';
      verdict = `${service} blocks: up to ${fmt(c)} connections wait on each other in one process.`;
      explanation = `Dovecot ships ${service} with client_limit 1 because its process blocks on disk and network I/O; with several connections per process one slow mailbox or lookup stalls the others.`;
    } else {
      verdict = `${service} is event-driven: ${fmt(c)} connections per process is what it is built for.`;
      explanation = `${service} does not block on I/O (its built-in client_limit is ${defaults.settings.client_limit?.effective}), so many connections per process only use CPU.`;
      link = '/services/client-limit#cpu-bound';
    }
    findings.push({id: 'blocking', title: 'Blocking', severity, verdict, explanation, numbers: {clients_per_process: l.clientsPerProcess, blocking: blocking ? 'yes' : 'no'}, link});
  }

  // --- what the load means for this service: sessions of its protocol, held connections for a login service
  const ownProtocol = protocolOfService(version, service);
  const loginOf = isLogin && ownProtocol !== null && service === `${ownProtocol}-login` ? ownProtocol : null;
  const mailOf = !isLogin && ownProtocol !== null && service === ownProtocol ? ownProtocol : null;
  const peakLoad: PeakLoad = {
    sessions: ownProtocol ? {[ownProtocol]: load.peakConnections} : {},
    tlsShare: load.tlsPercent / 100,
    proxy: r.proxy,
    newPerSecond: ownProtocol ? {[ownProtocol]: load.connectionsPerSecond} : {},
    authWorkers: AUTH_WORKERS,
  };
  const proxiedHere = mailOf !== null && mailOf !== 'lmtp' && r.proxy;
  const peak = loginOf ? heldInLogin(loginOf, peakLoad) : proxiedHere ? 0 : load.peakConnections;
  const peakWords = loginOf
    ? `${fmt(peak)} connections held at your peak (${r.proxy ? `${fmt(load.peakConnections)} proxied sessions` : `${fmt(Math.ceil(load.peakConnections * peakLoad.tlsShare))} TLS sessions`} + ${fmt(peak - Math.ceil(load.peakConnections * (r.proxy ? 1 : peakLoad.tlsShare)))} logging in)`
    : `your peak of ${fmt(peak)} connections`;
  const peakVerb = loginOf ? 'need' : 'needs';

  // --- capacity and headroom
  const needed = peak === 0 ? 0 : Number.isFinite(c) ? Math.ceil(peak / c) : 1;
  const maxConnections = P * c;
  const logLine = dropLogLine(version, service, l);
  {
    const over = needed > P;
    const formula = `${tex(P)} \\times \\min(${tex(cl)}, ${tex(n)}) = ${tex(maxConnections)}`;
    findings.push({
      id: 'capacity',
      title: 'Capacity',
      severity: over ? 'danger' : 'ok',
      verdict: over
        ? `${peakWords.replace(/^your/, 'Your')} ${peakVerb} ${fmt(needed)} processes; process_limit allows ${fmt(P)}.`
        : `Up to ${fmt(maxConnections)} simultaneous connections; ${peakWords} ${peakVerb} ${fmt(needed)} process${needed === 1 ? '' : 'es'}.`,
      explanation: over
        ? `Beyond ${fmt(maxConnections)} connections the master stops accepting and logs: ${logLine}`
        : `Each process takes min(client_limit, ${rcName}) = ${fmt(c)} connection${c === 1 ? '' : 's'} at a time, and there can be ${fmt(P)} processes. When they are all full the master logs: ${logLine}`,
      numbers: {process_limit: l.process_limit, clients_per_process: l.clientsPerProcess, max_connections: Number.isFinite(maxConnections) ? maxConnections : 'unlimited', peak, processes_needed: needed, log_line: logLine},
      formula,
      link: over ? (P > 1 ? '/troubleshooting#process-limit-reached' : '/troubleshooting#client-limit-reached') : '/services/process-limit#max-connections',
    });
    const headroom = P - needed;
    const used = Number.isFinite(P) && P > 0 ? needed / P : 0;
    findings.push({
      id: 'headroom',
      title: 'Headroom',
      severity: over ? 'danger' : used > 0.8 ? 'warning' : 'ok',
      verdict: !Number.isFinite(P)
        ? 'No process_limit: processes are limited only by the machine.'
        : over
          ? `${fmt(needed - P)} processes short at peak.`
          : `${fmt(headroom)} processes spare at peak (${fmt(Math.round(used * 100))} % of process_limit in use).`,
      explanation: over
        ? `Raise process_limit to at least ${fmt(needed)}${c === 1 ? '' : ', or let each process take more connections'}.`
        : 'Spare processes absorb bursts above the peak you entered; above about 80 % a burst reaches process_limit.',
      numbers: {process_limit: l.process_limit, processes_needed: needed, headroom: Number.isFinite(headroom) ? headroom : 'unlimited', used_percent: Math.round(used * 100)},
      formula: `${tex(P)} - ${tex(needed)} = ${tex(headroom)}`,
      link: '/services/process-limit#process-limit',
    });
  }

  // --- forks and lifetime
  const rate = load.connectionsPerSecond;
  {
    let forks: number;
    let verdict: string;
    let formula: string;
    if (n === 1) {
      forks = rate;
      verdict = `${fmt(forks)} forks per second: one for every connection.`;
      formula = `${tex(rate)} / 1 = ${tex(forks)}`;
    } else if (Number.isFinite(n)) {
      forks = rate / n;
      verdict = `${fmt(forks)} forks per second: one for every ${fmt(n)} connections.`;
      formula = `${tex(rate)} / ${tex(n)} = ${tex(forks)}`;
    } else {
      forks = 0;
      const started = Math.min(P, Math.max(ma, needed));
      verdict = `No forks in steady state: up to ${fmt(started)} processes are started and then reused.`;
      formula = `\\min(${tex(P)}, \\max(${tex(ma)}, ${tex(needed)})) = ${tex(started)}`;
    }
    findings.push({
      id: 'forks',
      title: 'Forks',
      severity: 'info',
      verdict,
      explanation: `At ${fmt(rate)} new connections per second. Each fork starts a fresh process (exec and initialisation); process_min_avail keeps some started in advance.`,
      numbers: {connections_per_second: rate, forks_per_second: forks, [rcName]: l.restart_request_count},
      formula,
      link: '/services/service-count#trade-off',
    });

    let life: string;
    const numbers: Finding['numbers'] = {connections: Number.isFinite(n) ? n : 'unlimited'};
    let formulaLife: string | undefined;
    if (n === 1) life = 'A process lives for exactly one connection.';
    else if (Number.isFinite(n)) {
      life = `A process lives for ${fmt(n)} connections.`;
      if (rate > 0 && needed > 0) {
        const secs = (n * needed) / rate;
        numbers.seconds = Math.round(secs * 10) / 10;
        life += ` With ${fmt(needed)} busy processes sharing ${fmt(rate)} connections per second evenly, that is about ${fmt(Math.round(secs))} s.`;
        formulaLife = `${tex(n)} \\times ${tex(needed)} / ${tex(rate)} = ${tex(secs)}\\,\\text{s}`;
      }
    } else life = 'A process lives until it is idle-killed or Dovecot restarts.';
    findings.push({
      id: 'lifetime',
      title: 'Process lifetime',
      severity: 'info',
      verdict: life,
      explanation: `Counted in connections (${rcName}); in seconds only as an estimate from your rate and peak.`,
      numbers,
      ...(formulaLife ? {formula: formulaLife} : {}),
      link: '/services/service-count#bounded',
    });
  }

  // --- address space
  {
    const vsz = l.vsz_limit;
    if (vsz === 'unlimited') {
      findings.push({
        id: 'address-space',
        title: 'Address space',
        severity: 'info',
        verdict: 'No vsz_limit: a runaway process can grow until the machine runs out of memory.',
        explanation: 'vsz_limit caps each process\'s virtual address space, not its RAM use.',
        numbers: {vsz_limit: 'unlimited'},
        link: '/services/memory-and-idle#vsz-limit-unlimited',
      });
    } else {
      const bound = P * vsz;
      const ram = load.ramGiB * 1024 ** 3;
      findings.push({
        id: 'address-space',
        title: 'Address space',
        severity: 'info',
        verdict: Number.isFinite(bound)
          ? `At most ${bytesText(bound)} of address space if all ${fmt(P)} processes reach vsz_limit ${bytesText(vsz)}.`
          : `Each process may use up to ${bytesText(vsz)} of address space.`,
        explanation:
          'This bounds virtual size, not RAM: processes map far more than they touch, and shared libraries count once in RAM.' +
          (ram > 0 && Number.isFinite(bound) && bound > ram ? ` The bound is above your ${fmt(load.ramGiB)} GiB of RAM, which is normal.` : ''),
        numbers: {process_limit: l.process_limit, vsz_limit_bytes: vsz, bound_bytes: Number.isFinite(bound) ? bound : 'unlimited'},
        formula: `${tex(P)} \\times ${bytesText(vsz).replace(' ', '\\,\\text{')}} = ${Number.isFinite(bound) ? bytesText(bound).replace(' ', '\\,\\text{') + '}' : '\\infty'}`,
        link: '/services/memory-and-idle#address-space-bound',
      });
    }
  }

  // --- doveconf's checks on the implied config
  const tree = {children: impliedConfig(r)};
  const report: RulesReport = analyzeConfig(version, tree, {cpuCount: load.cores});

  // --- login services
  if (isLogin) {
    const secure = n === 1;
    findings.push({
      id: 'login-mode',
      title: 'Login mode',
      severity: secure ? 'ok' : 'info',
      verdict: secure ? 'High-security mode: one process per login connection.' : Number.isFinite(n) ? `Between the modes: a login process serves ${fmt(n)} connections.` : 'High-performance mode: long-running login processes, many clients each.',
      explanation: secure
        ? `process_limit (${fmt(P)}) caps connections that are logging in or TLS-proxied, since TLS stays in the login process after login.`
        : 'Fewer forks and less memory, but a compromised login process sees other users\' logins and TLS sessions.',
      numbers: {[rcName]: l.restart_request_count, process_limit: l.process_limit, client_limit: l.client_limit},
      link: secure ? '/login-processes#high-security' : '/login-processes#high-performance',
    });
    const cores = load.cores;
    let severity: Severity = 'ok';
    let verdict: string;
    let explanation: string;
    if (!secure) {
      if (ma < cores) {
        severity = 'warning';
        verdict = `process_min_avail ${fmt(ma)} is below your ${fmt(cores)} cores.`;
        explanation = `In high-performance mode new processes start only when the others are full, so set process_min_avail to at least the number of cores (${fmt(cores)}) to spread logins over all of them.`;
      } else {
        verdict = `process_min_avail ${fmt(ma)} covers your ${fmt(cores)} cores.`;
        explanation = 'Each core gets a login process from the start.';
      }
    } else if (ma === 0) {
      severity = 'info';
      verdict = 'No login processes are started in advance.';
      explanation = 'Each new connection waits for a fork; process_min_avail > 0 keeps some processes ready.';
    } else {
      verdict = `${fmt(ma)} login processes wait ready for new connections.`;
      explanation = 'They take the first connections of a burst without waiting for a fork.';
    }
    findings.push({id: 'min-avail', title: 'process_min_avail', severity, verdict, explanation, numbers: {process_min_avail: ma, cores}, link: '/services/process-limit#process-min-avail'});
    if (!secure) {
      // process_min_avail counts processes with a free slot (service-monitor.c); when it reaches
      // process_limit, no process can start once they fill up.
      const builtIn = num(limitsFor({...r, settings: {}}).process_limit);
      const spare = P - ma;
      const short = spare <= 0;
      const below = P < builtIn;
      findings.push({
        id: 'spare-processes',
        title: 'Spare login processes',
        severity: short ? 'danger' : below ? 'warning' : 'ok',
        verdict: short
          ? `process_min_avail ${fmt(ma)} ≥ process_limit ${fmt(P)}: no process can start when these fill up.`
          : below
            ? `process_limit ${fmt(P)} is below the built-in ${fmt(builtIn)}: ${fmt(spare)} processes can start beyond process_min_avail.`
            : `${fmt(spare)} processes can start beyond the ${fmt(ma)} kept by process_min_avail.`,
        explanation:
          'In high-performance mode the master counts, for process_min_avail, the processes that still have a free slot, not idle ones, and starts another when one fills up. ' +
          'Without reuse_port the processes share one listening socket and whichever accepts first gets the connection; with reuse_port = yes each has its own socket and the kernel spreads connections over them evenly. ' +
          (short
            ? 'When every process is full, the master logs process_limit reached and the login processes drop their oldest clients with "Connection queue full".'
            : 'Keep process_limit at the built-in value or above.'),
        numbers: {process_limit: l.process_limit, process_min_avail: ma, spare},
        link: '/login-processes#high-performance',
      });
    }
  }

  for (const w of report.warnings) findings.push(ruleFinding(w));
  if (report.fatal) {
    findings.push(ruleFinding(report.fatal));
    return {findings, problems: r.problems, effective: l, config: printConfig(tree)};
  }

  // --- what the running master needs, on the config with every block appended ---------------------
  const out: Node[] = [...tree.children];
  const append = (target: string, key: string, value: string, why: string) => {
    out.push(comment(why));
    out.push(section('service', target, [setting(key, value)]));
  };
  // the services as they run with the blocks so far (blocks are only ever added: cache by count)
  let cached: {nodes: number; services: RunningService[]} | null = null;
  const running = (): RunningService[] => {
    if (cached?.nodes !== out.length) {
      cached = {nodes: out.length, services: resolveConfigServices(version, {children: out}, {cpuCount: load.cores}).filter((x) => x.enabled).map(runningFromChecked)};
    }
    return cached.services;
  };

  // the mail processes a login service's sessions move to; the login processes a mail service's
  // TLS sessions keep
  if (loginOf && loginOf !== 'lmtp') {
    const m = running().find((x) => x.name === loginOf);
    const sessions = load.peakConnections;
    if (r.proxy) {
      findings.push({
        id: 'mail-processes',
        title: `${loginOf} processes`,
        severity: 'info',
        verdict: `This server proxies: no ${loginOf} process runs here for these sessions.`,
        explanation: `With proxy=y every session, plaintext or TLS, stays in its ${service} process for its whole life and talks to the backend from there.`,
        numbers: {sessions},
        link: '/login-processes#tls-proxying',
      });
    } else if (m) {
      const need = Number.isFinite(m.clientsPerProcess) ? Math.ceil(sessions / m.clientsPerProcess) : sessions > 0 ? 1 : 0;
      const over = need > m.processLimit;
      const sized = Math.ceil(sessions * PEAK_HEADROOM);
      findings.push({
        id: 'mail-processes',
        title: `${loginOf} processes`,
        severity: over ? 'danger' : 'ok',
        verdict: over
          ? `Your ${fmt(sessions)} logged-in sessions need ${fmt(need)} ${loginOf} processes; its process_limit allows ${fmt(m.processLimit)}.`
          : `${loginOf}'s process_limit ${fmt(m.processLimit)} covers your ${fmt(sessions)} logged-in sessions.`,
        explanation: over
          ? `Every session that logs in moves to a ${loginOf} process. Beyond ${fmt(m.processLimit)} the others cannot log in; the configuration below raises it to ${fmt(sized)} (${fmt(sessions)} × ${PEAK_HEADROOM}).`
          : `Every session that logs in moves to a ${loginOf} process; a TLS one also keeps its ${service} process.`,
        numbers: {sessions, processes_needed: need, process_limit: Number.isFinite(m.processLimit) ? m.processLimit : 'unlimited'},
        link: '/services/process-limit#example-3000',
      });
      if (over) append(loginOf, 'process_limit', String(sized), `${loginOf}: ${sessions} sessions × ${PEAK_HEADROOM} headroom`);
    }
  } else if (mailOf && mailOf !== 'lmtp') {
    const loginName = `${mailOf}-login`;
    const lg = running().find((x) => x.name === loginName);
    if (proxiedHere) {
      findings.push({
        id: 'login-processes',
        title: `${loginName} processes`,
        severity: 'info',
        verdict: `This server proxies: the sessions stay in ${loginName} and no ${service} process runs here for them.`,
        explanation: `With proxy=y every session, plaintext or TLS, stays in its login process for its whole life; choose ${loginName} above to size it.`,
        numbers: {sessions: load.peakConnections},
        link: '/login-processes#tls-proxying',
      });
    } else if (lg) {
      const held = heldInLogin(mailOf, peakLoad);
      const perProcess = Number.isFinite(lg.clientsPerProcess) ? lg.clientsPerProcess : Math.max(held, 1);
      const want = Math.ceil(held / perProcess) + lg.minAvail;
      const over = want > lg.processLimit;
      const sized = Math.ceil(Math.ceil(held * PEAK_HEADROOM) / perProcess) + lg.minAvail;
      findings.push({
        id: 'login-processes',
        title: `${loginName} processes`,
        severity: over ? 'danger' : 'ok',
        verdict: over
          ? `The ${fmt(held)} connections ${loginName} holds at your peak (TLS sessions and logins in progress) need ${fmt(want)} processes; its process_limit allows ${fmt(lg.processLimit)}.`
          : `${loginName}'s process_limit ${fmt(lg.processLimit)} covers the ${fmt(held)} connections it holds at your peak.`,
        explanation: over
          ? `A TLS session keeps its login process for its whole life. When ${loginName} is full, new clients get "Connection queue full"; the configuration below raises its process_limit to ${fmt(sized)}.`
          : 'A TLS session keeps its login process for its whole life; a plaintext one leaves it at login.',
        numbers: {held, processes_needed: want, process_limit: Number.isFinite(lg.processLimit) ? lg.processLimit : 'unlimited'},
        link: '/login-processes#tls-proxying',
      });
      if (over) append(loginName, 'process_limit', String(sized), `${loginName}: ${held} connections held × ${PEAK_HEADROOM} headroom`);
    }
  }

  // auth and anvil: doveconf's sums on the config so far (W1/W2); never a block for the service itself
  const sums = out.length === tree.children.length ? report : analyzeConfig(version, {children: out}, {cpuCount: load.cores});
  for (const w of sums.warnings) {
    const target = w.id === 'W1' ? 'auth' : w.id === 'W2' ? 'anvil' : null;
    if (target && target !== service) {
      append(target, 'client_limit', String(w.numbers.required), `doveconf ${w.id}: ${target} client_limit must be at least ${w.numbers.required}`);
    }
  }

  // stats: every process but the master, anvil, config, log and stats keeps a connection to it
  {
    const clients = statsClients(version, processesAtPeak(running(), peakLoad, PEAK_HEADROOM));
    const limit = running().find((x) => x.name === 'stats')?.clientLimit ?? 1000;
    const over = clients > limit;
    findings.push({
      id: 'stats',
      title: 'stats client_limit',
      severity: over ? 'danger' : 'ok',
      verdict: over
        ? `${fmt(clients)} processes at ${PEAK_HEADROOM} × your peak connect to stats; its client_limit is ${fmt(limit)}.`
        : `stats' client_limit ${fmt(limit)} covers the ${fmt(clients)} processes at ${PEAK_HEADROOM} × your peak.`,
      explanation:
        'Every Dovecot process except the master, anvil, config and log keeps a connection to stats from its start to its exit, login processes included. ' +
        (over
          ? `Past ${fmt(limit)} the master logs "service(stats): client_limit (${fmt(limit)}) reached, client connections are being dropped" and each new process waits 5 s in "Timeout waiting for handshake response" before it serves anyone.`
          : 'Counted: the processes of this load with 25 % headroom, auth and its workers, and room for on-demand ones.'),
      numbers: {processes: clients, client_limit: Number.isFinite(limit) ? limit : 'unlimited'},
      link: '/troubleshooting#client-limit-reached',
    });
    if (over && service !== 'stats') append('stats', 'client_limit', String(clients), `stats: ${clients} processes at ${PEAK_HEADROOM} × the peak connect to it`);
  }

  // the auth cache: a cache hit still verifies the password hash; let the workers do it
  if (r.authCache) {
    findings.push({
      id: 'auth-cache-worker',
      title: 'Auth cache and workers',
      severity: 'info',
      verdict: 'Cache hits still verify the password hash: set auth_cache_verify_password_with_worker = yes.',
      explanation:
        'A cached entry holds the password hash, so every hit checks a password. Without this setting the single auth process does all of it, and an expensive scheme such as SHA512-CRYPT serialises every login there; with it, auth-worker processes do the checks (Dovecot 2.3.9 and later).',
      numbers: {},
      link: '/auth-cache',
    });
    const first = out.findIndex((x) => x.kind === 'section');
    out.splice(first < 0 ? out.length : first, 0, setting('auth_cache_verify_password_with_worker', 'yes'));
  }

  // file descriptors, tasks and memory, on the final config
  const final = running();
  {
    const fd = fdNeed(final, peakLoad, version === '2.3' ? 1000 : undefined);
    const write = limitNofileFor(fd.need);
    findings.push({
      id: 'fds',
      title: 'File descriptors',
      severity: write === null ? 'ok' : 'warning',
      verdict:
        write === null
          ? `dovecot.service's LimitNOFILE=${UNIT_LIMIT_NOFILE} covers the ${fmt(fd.need)} descriptors the busiest process needs (${fd.because}).`
          : `The busiest process (${fd.because}) needs ${fmt(fd.need)} descriptors, more than dovecot.service's ${UNIT_LIMIT_NOFILE}: set LimitNOFILE=${write}.`,
      explanation: `Counted on the configuration below, every block included: ${fd.formula}. A login process holds 2 per TLS or proxied session (the client's socket and the one to the mail process or backend). The master also checks at start that ulimit -n is at least the largest client_limit. Never set LimitNOFILE below the ${UNIT_LIMIT_NOFILE} the unit file already gives.`,
      numbers: {required: fd.need, because: fd.because, unit_file: UNIT_LIMIT_NOFILE},
      link: '/services/process-limit#systemd-limits',
    });
  }
  if (load.ramGiB > 0) {
    const tasks = tasksAtPeak(processesAtPeak(final, peakLoad, PEAK_HEADROOM));
    const dflt = defaultTasksMax(load.ramGiB);
    const threads = threadsMax(load.ramGiB);
    const write = tasksMaxFor(tasks, load.ramGiB);
    findings.push({
      id: 'tasks',
      title: 'Tasks (systemd)',
      severity: tasks > threads ? 'danger' : write === null ? 'ok' : 'warning',
      verdict:
        tasks > threads
          ? `${fmt(tasks)} processes exceed kernel.threads-max, ${fmt(threads)} with ${fmt(load.ramGiB)} GiB: forks fail whatever TasksMax says.`
          : write === null
            ? `${fmt(tasks)} processes at ${PEAK_HEADROOM} × your peak fit systemd's DefaultTasksMax, about ${fmt(dflt)} with ${fmt(load.ramGiB)} GiB.`
            : `${fmt(tasks)} processes at ${PEAK_HEADROOM} × your peak pass systemd's DefaultTasksMax, about ${fmt(dflt)} with ${fmt(load.ramGiB)} GiB: set TasksMax=${write} in a drop-in.`,
      explanation: `On Debian, systemd raises kernel.pid_max to 4194304, so DefaultTasksMax is 15 % of kernel.threads-max, which the kernel sets to RAM / 128 KiB (${fmt(threads)} here). Past it the master's fork() fails with "Resource temporarily unavailable".`,
      numbers: {tasks, default_tasks_max: dflt, threads_max: threads},
      formula: `0.15 \\times \\frac{${tex(load.ramGiB)}\\,\\text{GiB}}{128\\,\\text{KiB}} = ${tex(dflt)}`,
      link: '/services/process-limit#systemd-limits',
    });
  }
  {
    const mem = memoryAtPeak(version, final, processesAtPeak(final, peakLoad, 1));
    const ram = load.ramGiB * 1024 ** 3;
    const top = [...mem.terms].sort((x, y) => y.total - x.total).slice(0, 3);
    findings.push({
      id: 'memory',
      title: 'Resident memory',
      // an upper bound (RSS counts shared pages in every process): a warning, never a verdict
      severity: ram > 0 && mem.total > 0.8 * ram ? 'warning' : 'info',
      verdict: `About ${bytesText(mem.total)} resident at your peak${ram > 0 ? ` on ${fmt(load.ramGiB)} GiB of RAM` : ''}.`,
      explanation:
        `From the median RSS measured per process on Dovecot ${MEASURED_BUILD[version]} (largest: ${top
          .map((t) => `${t.service} ${fmt(t.processes)} × ${bytesText(t.bytesEach)}${t.sessions ? ` + ${fmt(t.sessions)} sessions × ${bytesText(t.sessionBytes!)}` : ''}`)
          .join('; ')}). ` + 'RSS counts shared libraries in every process, so this is an upper bound; a process with large mailboxes uses more.',
      numbers: {total_bytes: mem.total, ...Object.fromEntries(top.map((t) => [`${t.service}_processes`, t.processes]))},
      link: '/measured#memory',
    });
    const imap = mem.terms.find((t) => t.service === 'imap');
    if (imap && imap.total >= 0.5 * mem.total && (ram === 0 || mem.total >= 0.5 * ram)) {
      findings.push({
        id: 'hibernate',
        title: 'Idle IMAP sessions',
        severity: 'info',
        verdict: `${fmt(imap.processes)} imap processes hold ${bytesText(imap.total)}; if most sessions sit in IDLE, hibernate them.`,
        explanation: `imap_hibernate_timeout = 30s hands a session that has been in IDLE that long to the imap-hibernate service, and its imap process (${bytesText(imap.bytesEach)}) exits. It needs the imap-master socket set up as the hibernation docs show; a TLS session still keeps its login process.`,
        numbers: {imap_processes: imap.processes, imap_bytes: imap.total},
        link: '/services/memory-and-idle#imap-hibernate',
      });
    }
  }
  return {findings, problems: r.problems, effective: l, config: printConfig({children: out})};
}

/** Evaluates one calculator state. Never throws: bad input becomes `problems`. */
export function evaluate(input: CalculatorInput): CalculatorResult {
  try {
    return evaluateUnsafe(input);
  } catch (e) {
    return {
      findings: [],
      problems: [{field: 'service', message: `service: the calculator could not evaluate this input (${e instanceof Error ? e.message : String(e)})`}],
      effective: null,
      config: '',
    };
  }
}
