// Server-rendered HTML of <ConfigGenerator>: what a reader without JavaScript gets (the default
// output for both versions in their version classes), escaped text only, and every link the page
// can render pointing at a page and heading id that exist in docs/ (the build checks only the
// default state; this checks the presets and options too).
import React from 'react';
import {readdirSync, readFileSync, statSync} from 'node:fs';
import {join} from 'node:path';
import {renderToStaticMarkup} from 'react-dom/server';
import {describe, expect, it} from 'vitest';
import {PRESETS, generate, presetInput, type GeneratorInput} from '../../lib/dovecot/generator';
import {calculatorLink, explanationGroups, splitWarnings, configTitle, downloadName, safeLink} from './view';
import {decodeQuery as decodeCalculator} from '../ServiceCalculator/state';
import {mockDocusaurusForServerRender} from '../../../tests/stubs/widgetServerRender';

mockDocusaurusForServerRender();

const {default: ConfigGenerator} = await import('./index');

// --- the site's pages and their heading ids ------------------------------------------------------

function mdxFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? mdxFiles(p) : p.endsWith('.mdx') ? [p] : [];
  });
}

const DOCS = join(__dirname, '../../../docs');
const PAGES = new Map<string, Set<string>>();
for (const file of mdxFiles(DOCS)) {
  const text = readFileSync(file, 'utf8');
  const slug = /^slug:\s*(\S+)/m.exec(text)?.[1] ?? `/${file.slice(DOCS.length + 1).replace(/\.mdx$/, '')}`;
  const ids = new Set<string>([...text.matchAll(/\{#([\w-]+)\}/g)].map((m) => m[1]));
  for (const m of text.matchAll(/<a id="([\w-]+)"/g)) ids.add(m[1]);
  PAGES.set(slug, ids);
}
const WIDGETS = new Set(['/', '/calculator', '/generator']);

function resolves(link: string): boolean {
  const [path, anchor] = link.split('#');
  const clean = path.split('?')[0];
  if (WIDGETS.has(clean)) return anchor === undefined;
  const ids = PAGES.get(clean);
  return ids !== undefined && (anchor === undefined || ids.has(anchor));
}

function linksOf(html: string): string[] {
  return [...html.matchAll(/href="([^"]*)"/g)].map((m) => m[1].replace(/&amp;/g, '&'));
}

describe('server render', () => {
  const html = renderToStaticMarkup(<ConfigGenerator />);

  it('shows the default output for 2.4 and 2.3, each in its version class', () => {
    expect(html).toContain('class="dv-24" data-version="2.4"');
    expect(html).toContain('class="dv-23" data-version="2.3"');
    const out24 = generate({});
    const first = out24.text.split('\n')[0].replace(/"/g, '&quot;');
    expect(html).toContain(`<pre data-language="dovecot" data-title="conf.d/10-master.conf"># https://wiki.example/generator?s=2&amp;v=2.4\n${first}`);
    expect(html).toContain('# https://wiki.example/generator?s=2&amp;v=2.3');
    expect(html).toContain('data-language="text" data-title="Nothing to add"># Nothing to add to dovecot.service.');
    expect(html).toContain('value="https://wiki.example/generator?s=2&amp;v=2.4"');
  });

  it('labels every text input and reserves the status line', () => {
    const inputs = [...html.matchAll(/<input[^>]*type="text"[^>]*>/g)].map((m) => m[0]);
    expect(inputs.length).toBeGreaterThan(20);
    for (const i of inputs) {
      const id = /id="([^"]+)"/.exec(i)?.[1];
      expect(html, `label for ${id}`).toContain(`for="${id}"`);
    }
    expect(html).toContain('role="status" aria-live="polite"');
  });

  it('every link it renders resolves', () => {
    const bad = linksOf(html).filter((l) => l.startsWith('/') && !resolves(l));
    expect(bad).toEqual([]);
  });
});

describe('links of the output', () => {
  const inputs: GeneratorInput[] = [];
  for (const p of PRESETS) {
    for (const version of ['2.4', '2.3'] as const) {
      const base = presetInput(p.id, version);
      inputs.push(base, {...base, output: 'file'}, {...base, mailReuse: 'unlimited', authCache: false, minAvail: 'off', loginMode: 'high-performance'});
      if (version === '2.4') inputs.push({...base, minAvail: 'cpu_count', configVersion: '2.4.0'});
    }
  }
  // a conflicting input: bad fields become warnings that link to /generator
  const outs = [...inputs.map((i) => generate(i)), generate({cores: -1, peak: {imap: 'x'}})];

  it('warnings, setting anchors and guides all resolve', () => {
    const links = new Set<string>();
    for (const o of outs) {
      for (const w of o.warnings) links.add(safeLink(w.link));
      for (const e of o.explanations) {
        links.add(safeLink(e.anchor));
        if (e.guide) links.add(safeLink(e.guide));
      }
    }
    expect([...links].filter((l) => !resolves(l))).toEqual([]);
    expect(links).toContain('/auth-cache#sizing');
  });

  it("each service's calculator link carries its written values and load, and reads without notices", () => {
    const o = generate(presetInput('isp-10k', '2.4'));
    const link = calculatorLink(o, 'imap');
    expect(link).toBe('/calculator?s=2&v=2.4&pl=12500&rc=100&peak=10000&rate=200&cores=16&ram=128&proto=imap,pop3,lmtp,submission&cache=on');
    const o23 = generate(presetInput('isp-10k', '2.3'));
    expect(calculatorLink(o23, 'imap-login')).toMatch(/^\/calculator\?s=2&v=2\.3&svc=imap-login&.*rc=0.*&pma=16/);
    for (const out of outs) {
      for (const g of explanationGroups(out.explanations)) {
        if (g.service === null) continue;
        const d = decodeCalculator(calculatorLink(out, g.service).split('?')[1]);
        expect(d.notices, `${g.service}`).toEqual([]);
        expect(d.state.service).toBe(g.service);
      }
    }
  });

  it('groups explanations: globals first, then one group per service block', () => {
    const groups = explanationGroups(generate(presetInput('isp-10k', '2.4')).explanations);
    expect(groups[0].service).toBeNull();
    expect(groups.map((g) => g.service)).toContain('imap-login');
    expect(new Set(groups.map((g) => g.service)).size).toBe(groups.length);
  });

  it('keeps the address-space note apart (collapsed), and names files by output form', () => {
    const o = generate(presetInput('isp-10k', '2.4'));
    const {shown, addressSpace} = splitWarnings(o.warnings);
    expect(addressSpace?.id).toBe('address-space');
    expect(shown.some((w) => w.id === 'address-space')).toBe(false);
    expect([configTitle(o.input), downloadName(o.input)]).toEqual(['conf.d/10-master.conf', '90-services.conf']);
    const f = generate({output: 'file'});
    expect([configTitle(f.input), downloadName(f.input)]).toEqual(['dovecot.conf', 'dovecot.conf']);
  });

  it('never follows a link that is not a site path', () => {
    for (const l of ['javascript:alert(1)', '//evil.example/', 'https://evil.example', 42, '/ok"><img']) {
      expect(safeLink(l)).toBe('/generator');
    }
    expect(safeLink('/services/service-count#bounded')).toBe('/services/service-count#bounded');
  });
});
