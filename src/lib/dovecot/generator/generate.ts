/**
 * generate(answers) → the config tree and its text, a systemd drop-in, warnings and one
 * explanation per value. Pure: no DOM, no Node APIs. Never throws: bad fields fall back to their
 * defaults (and are reported), and an internal failure falls back to the defaults' output.
 */
import {printConfig, type ConfigTree, type SettingNode} from '../conf';
import {analyzeConfig} from '../rules';
import {roundUpTo, settingAnchor} from './format';
import {normalizeInput} from './schema';
import {makePlan, SIZING, type Plan} from './sizing';
import {buildTree, treeWithPermalink} from './tree';
import type {Explanation, FieldProblem, GeneratorInput, GeneratorOutput, GeneratorWarning} from './types';
import {planWarnings} from './warnings';

/** Where the drop-in goes. */
export const SYSTEMD_DROP_IN_PATH = '/etc/systemd/system/dovecot.service.d/limits.conf';

export interface SystemdLimits {
  limitNofile: number;
  /** Undefined when systemd's default is enough. */
  tasksMax?: number;
}

/**
 * LimitNOFILE: the master checks at start that `ulimit -n` is at least the largest client_limit
 * of an enabled service (W3, master only, doveconf never shows it); we give it twice that
 * (SIZING.fdFactor), rounded up to 1024. TasksMax only when the processes at peak could pass
 * systemd's smallest usual DefaultTasksMax.
 */
export function systemdLimits(plan: Plan): SystemdLimits {
  const limitNofile = roundUpTo(plan.largestClient.limit * SIZING.fdFactor, 1024);
  if (plan.processes <= SIZING.tasksThreshold) return {limitNofile};
  return {limitNofile, tasksMax: roundUpTo(Math.ceil(plan.processes * SIZING.tasksHeadroom), 1024)};
}

export function systemdText(plan: Plan): string {
  const {limitNofile, tasksMax} = systemdLimits(plan);
  const c = plan.input.comments;
  const lines: string[] = [];
  if (c) {
    lines.push(`# ${SYSTEMD_DROP_IN_PATH}`);
    lines.push('# then: systemctl daemon-reload && systemctl restart dovecot');
  }
  lines.push('[Service]');
  if (c) {
    const who = plan.largestClient.service === 'default_client_limit' ? 'default_client_limit' : `service ${plan.largestClient.service}`;
    lines.push(`# largest client_limit ${plan.largestClient.limit} (${who}) × ${SIZING.fdFactor}, rounded up to 1024;`);
    lines.push('# the master warns at start when ulimit -n is below the largest client_limit');
  }
  lines.push(`LimitNOFILE=${limitNofile}`);
  if (tasksMax !== undefined) {
    if (c) {
      lines.push(`# up to ${plan.processes} processes at peak × ${SIZING.tasksHeadroom}, rounded up to 1024;`);
      lines.push(`# systemd's DefaultTasksMax can be as low as ${SIZING.tasksThreshold} (15% of pid_max 32768)`);
    }
    lines.push(`TasksMax=${tasksMax}`);
  }
  return `${lines.join('\n')}\n`;
}

export function explanationsOf(plan: Plan): Explanation[] {
  const out: Explanation[] = [];
  for (const s of [...plan.header, ...plan.globals]) {
    out.push({
      path: s.name,
      setting: s.name,
      value: s.value,
      why: s.why,
      short: s.comment || s.why,
      anchor: settingAnchor(s.name),
      ...(s.guide ? {guide: s.guide} : {}),
    });
  }
  for (const b of plan.blocks) {
    for (const s of b.settings) {
      out.push({
        path: `service ${b.service}/${s.name}`,
        setting: s.name,
        value: s.value,
        why: s.why,
        short: s.comment || s.why,
        anchor: settingAnchor(s.id),
        ...(s.guide ? {guide: s.guide} : {}),
      });
    }
  }
  return out;
}

/**
 * The tree as the admin's server reads it: blocks get the 2.4 header and a `protocols` line
 * listing every enabled protocol (the file form has them already).
 */
export function asServerReadsIt(plan: Plan, tree: ConfigTree): ConfigTree {
  if (plan.input.output === 'file') return tree;
  const setting = (key: string, value: string): SettingNode => ({kind: 'setting', key, value, pos: {line: 0, column: 0}});
  const head: SettingNode[] = [];
  if (plan.input.version === '2.4') {
    head.push(setting('dovecot_config_version', plan.input.configVersion), setting('dovecot_storage_version', plan.input.configVersion));
  }
  head.push(setting('protocols', plan.protocolWords.join(' ')));
  return {children: [...head, ...tree.children]};
}

/**
 * A second opinion: the project's model of doveconf's checks (rules.ts) on the output as the
 * server reads it, with process_min_avail's %{system:cpu_count} taken as the cores given and
 * ulimit -n as the drop-in's LimitNOFILE. Anything it reports is a generator bug: say so loudly.
 */
function selfCheck(plan: Plan, tree: ConfigTree): GeneratorWarning[] {
  const report = analyzeConfig(plan.input.version, asServerReadsIt(plan, tree), {
    cpuCount: plan.input.cores,
    fdLimit: systemdLimits(plan).limitNofile,
  });
  const found = [...(report.fatal ? [report.fatal] : []), ...report.warnings, ...report.master];
  return found.map((r) => ({
    id: `self-check-${r.id}`,
    severity: 'danger' as const,
    message: `This output would not pass the checks: ${r.message}. Please report it; do not use the output as it is.`,
    link: '/generator',
  }));
}

function run(input: GeneratorInput, problems: FieldProblem[]): GeneratorOutput {
  const plan = makePlan(input);
  const tree = buildTree(plan);
  return {
    input,
    problems,
    tree,
    text: printConfig(tree),
    systemd: systemdText(plan),
    warnings: [...selfCheck(plan, tree), ...planWarnings(plan, problems, tree)],
    explanations: explanationsOf(plan),
    sums: {
      authClientsRequired: plan.w1.sum,
      anvilClientsRequired: plan.w2.sum,
      largestClientLimit: plan.largestClient.limit,
    },
  };
}

/** The plan behind an output, for views that show the sums term by term. */
export function planFor(raw: unknown): Plan {
  return makePlan(normalizeInput(raw).input);
}

/**
 * The generator. `raw` is normally a GeneratorInput; anything else is checked field by field
 * (see normalizeInput) and the output says which fields fell back to their defaults.
 */
export function generate(raw: Partial<GeneratorInput> | unknown): GeneratorOutput {
  const {input, problems} = normalizeInput(raw);
  try {
    return run(input, problems);
  } catch (e) {
    // Not expected for any input normalizeInput lets through (the property tests cover the
    // ranges); if it happens, the defaults of the same version are still a valid answer.
    const fallback = normalizeInput({version: input.version}).input;
    const out = run(fallback, problems);
    out.warnings.unshift({
      id: 'internal',
      severity: 'danger',
      message: `The generator failed on these answers (${e instanceof Error ? e.message : String(e)}); showing the defaults instead.`,
      link: '/generator',
    });
    return out;
  }
}

/** The output's config text with its permalink as the first comment line (comments on only). */
export function textWithPermalink(out: GeneratorOutput, permalink: string): string {
  return printConfig(treeWithPermalink(out.tree, permalink, out.input.comments));
}
