/**
 * generate(answers) → the config tree and its text, a systemd drop-in, warnings and one
 * explanation per value. Pure: no DOM, no Node APIs. Never throws: bad fields fall back to their
 * defaults (and are reported), and an internal failure falls back to the defaults' output.
 */
import {printConfig, type ConfigTree, type SettingNode} from '../conf';
import {analyzeConfig} from '../rules';
import {UNIT_LIMIT_NOFILE} from '../runtime';
import {settingAnchor, wrapWords} from './format';
import {normalizeInput} from './schema';
import {makePlan, SIZING, type Plan} from './sizing';
import {buildTree, treeWithPermalink} from './tree';
import type {Explanation, FieldProblem, GeneratorInput, GeneratorOutput, GeneratorWarning} from './types';
import {planWarnings} from './warnings';

/** Where the drop-in goes. */
export const SYSTEMD_DROP_IN_PATH = '/etc/systemd/system/dovecot.service.d/limits.conf';

export interface SystemdLimits {
  /** The open-files limit the service runs with: the drop-in's, or the 65535 dovecot.service sets. */
  limitNofile: number;
  /** Whether the drop-in writes LimitNOFILE (only ever above the unit file's value). */
  writesLimitNofile: boolean;
  /** Written only when the tasks at the peak pass systemd's DefaultTasksMax for the RAM given. */
  tasksMax?: number;
}

/**
 * LimitNOFILE only when the busiest process needs more descriptors than the 65535 that
 * dovecot.service already sets (a lower value would lower it); TasksMax only when the processes
 * at the peak with headroom pass DefaultTasksMax, 15 % of RAM / 128 KiB on Debian.
 */
export function systemdLimits(plan: Plan): SystemdLimits {
  return {
    limitNofile: plan.limitNofile ?? UNIT_LIMIT_NOFILE,
    writesLimitNofile: plan.limitNofile !== undefined,
    ...(plan.tasksMax !== undefined ? {tasksMax: plan.tasksMax} : {}),
  };
}

export function systemdText(plan: Plan): string {
  const {limitNofile, writesLimitNofile, tasksMax} = systemdLimits(plan);
  const c = plan.input.comments;
  const note = (text: string) => wrapWords(text, 70).map((l) => `# ${l}`);
  const tasksNote = `systemd's DefaultTasksMax with ${plan.input.ramGiB} GiB of RAM is about ${plan.defaultTasksMax} (15% of kernel.threads-max, which is RAM / 128 KiB)`;
  const tasksText = `${plan.tasks} processes at ${SIZING.connectionHeadroom} × the peak`;
  const fdText = `the busiest process (${plan.fd.because}) needs ${plan.fd.need} file descriptors (${plan.fd.formula})`;
  if (!writesLimitNofile && tasksMax === undefined) {
    if (!c) return '';
    return `${[
      ...note('Nothing to add to dovecot.service.'),
      ...note(`LimitNOFILE: the unit file's ${UNIT_LIMIT_NOFILE} covers it; ${fdText}.`),
      ...note(`TasksMax: ${tasksText} fit; ${tasksNote}.`),
    ].join('\n')}\n`;
  }
  const lines: string[] = [];
  if (c) lines.push(`# ${SYSTEMD_DROP_IN_PATH}`, '# then: systemctl daemon-reload && systemctl restart dovecot');
  lines.push('[Service]');
  if (writesLimitNofile) {
    if (c) lines.push(...note(`${fdText}, rounded up to 1024: above the ${UNIT_LIMIT_NOFILE} that dovecot.service sets.`));
    lines.push(`LimitNOFILE=${limitNofile}`);
  } else if (c) {
    lines.push(...note(`LimitNOFILE: the unit file's ${UNIT_LIMIT_NOFILE} covers it; ${fdText}.`));
  }
  if (tasksMax !== undefined) {
    if (c) lines.push(...note(`${tasksText}, rounded up to 1024; ${tasksNote}.`));
    lines.push(`TasksMax=${tasksMax}`);
  } else if (c) {
    lines.push(...note(`TasksMax: ${tasksText} fit; ${tasksNote}.`));
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
      statsClientsRequired: plan.statsClients,
      largestClientLimit: plan.largestClient.limit,
      fdsRequired: plan.fd.need,
      tasksAtPeak: plan.tasks,
      defaultTasksMax: plan.defaultTasksMax,
      residentBytesAtPeak: plan.memory.total,
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
