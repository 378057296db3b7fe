// Server-rendered HTML of <ServiceCalculator>: what a reader without JavaScript gets. Both
// versions are present in their version classes, with their own names and placeholders; findings
// are cards with a severity label, escaped text and a KaTeX formula; the config is a dovecot code
// block; presets show in each version's syntax. The engine is replaced by a stand-in here, so
// these tests are about the view; the engine has its own.
import React from 'react';
import {renderToStaticMarkup} from 'react-dom/server';
import {prerenderToNodeStream} from 'react-dom/static';
import {text} from 'node:stream/consumers';
import {describe, expect, it, vi} from 'vitest';
import type {CalculatorInput, CalculatorResult} from '../../lib/dovecot/calculator/types';
import {mockDocusaurusForServerRender} from '../../../tests/stubs/widgetServerRender';

vi.mock('@docusaurus/Head', () => ({default: () => null}));
mockDocusaurusForServerRender();

const calls: CalculatorInput[] = [];
vi.mock('../../lib/dovecot/calculator', () => ({
  evaluate: (input: CalculatorInput): CalculatorResult => {
    calls.push(input);
    if (input.service === 'boom') throw new Error('engine bug');
    return {
      findings: [
        {
          id: 'capacity',
          title: 'Capacity',
          severity: input.settings.client_limit === '0' ? 'danger' : 'ok',
          verdict: `Up to ${input.load.peakConnections} connections`,
          explanation: 'Text with <img src=x onerror=alert(1)> in it.',
          numbers: {processLimit: 1024, clients_per_process: 1, ratio: 0.3333333},
          formula: '1024 \\times 1 = 1024',
          link: '/services#process-limit',
        },
        {
          id: 'evil',
          title: 'Evil',
          severity: 'nonsense' as never,
          verdict: 'v',
          explanation: '',
          numbers: {},
          link: 'javascript:alert(1)',
        },
      ],
      problems: input.settings.client_limit === '0' ? [{field: 'client_limit', message: 'client_limit: 0 is refused in 2.4'}] : [],
      effective: null,
      config: `service ${input.service} {\n  client_limit = 1\n}\n`,
    };
  },
}));

const {default: ServiceCalculator} = await import('./index');

/** The markup of one version's copy. */
function part(html: string, v: '2.3' | '2.4'): string {
  const start = html.indexOf(`<div class="dv-${v.replace('.', '')}" data-version="${v}">`);
  expect(start).toBeGreaterThanOrEqual(0);
  const other = html.indexOf('<div class="dv-', start + 10);
  return html.slice(start, other === -1 ? undefined : other);
}

describe('<ServiceCalculator> server render', () => {
  const html = renderToStaticMarkup(<ServiceCalculator service="imap" />);
  const v24 = part(html, '2.4');
  const v23 = part(html, '2.3');

  it('renders both versions, each with its own names', () => {
    expect(v24).toContain('<code>restart_request_count</code>');
    expect(v24).not.toContain('<code>service_count</code>');
    expect(v23).toContain('<code>service_count</code>');
    expect(v23).not.toContain('<code>restart_request_count</code>');
    expect(calls.some((c) => c.version === '2.3') && calls.some((c) => c.version === '2.4')).toBe(true);
  });

  it('labels every input and shows the built-in values', () => {
    for (const id of ['process_limit', 'client_limit', 'restart_request_count', 'process_min_avail', 'vsz_limit', 'peakConnections', 'cores']) {
      expect(v24).toMatch(new RegExp(`<label for="[^"]*-24-${id}"`));
      expect(v24).toMatch(new RegExp(`<input id="[^"]*-24-${id}"`));
    }
    expect(v24).toContain('placeholder="1024"');
    expect(v24).toContain('placeholder="256 M"');
    expect(v24).toMatch(/<optgroup label="Login services">.*<option value="imap-login">/);
  });

  it('shows findings as cards with a severity label, escaped text, numbers and a link', () => {
    expect(v24).toContain('data-severity="ok"');
    expect(v24).toMatch(/aria-hidden="true">✓<\/span>OK/);
    expect(v24).toContain('Up to 1000 connections');
    expect(v24).toContain('Text with &lt;img src=x onerror=alert(1)&gt; in it.');
    expect(html).not.toContain('<img');
    expect(v24).toContain('<dt>process limit</dt><dd>1,024</dd>');
    expect(v24).toContain('<dd>0.33</dd>');
    expect(v24).toContain('href="/services#process-limit"');
    // an unknown severity becomes a note; a foreign link is not followed
    expect(v24).toContain('data-severity="info"');
    expect(html).not.toContain('javascript:');
  });

  it('prints the implied config as a dovecot code block', () => {
    expect(v24).toContain('<pre data-language="dovecot" data-title="conf.d/10-master.conf (Dovecot 2.4)">service imap {');
  });

  it('offers the link to this state', () => {
    expect(v24).toContain('value="https://wiki.example/calculator?s=2&amp;v=2.4"');
    expect(v23).toContain('value="https://wiki.example/calculator?s=2&amp;v=2.3"');
    expect(v24).toContain('href="/calculator?s=2&amp;v=2.4"');
    expect(v24).toContain('role="status"');
  });

  it('typesets formulas in the server render (KaTeX only on the server; the browser loads it lazily)', () => {
    expect(v24).toContain('<math xmlns="http://www.w3.org/1998/Math/MathML" display="block">');
    expect(v24).toContain('<annotation encoding="application/x-tex">1024 \\times 1 = 1024</annotation>');
  });

  it('needs no JavaScript note', () => {
    expect(html).toContain('<noscript>');
  });
});

describe('presets and problems', () => {
  it('shows presets in each version’s syntax and problems under the field', () => {
    const html = renderToStaticMarkup(
      <ServiceCalculator service="imap" settings={{restart_request_count: 'unlimited', client_limit: '0'}} load={{peakConnections: 5000}} title="IMAP, one process per connection" />,
    );
    const v24 = part(html, '2.4');
    const v23 = part(html, '2.3');
    expect(html).toContain('>IMAP, one process per connection</h3>');
    expect(v24).toMatch(/id="[^"]*-24-restart_request_count"[^>]*value="unlimited"/);
    expect(v23).toMatch(/id="[^"]*-23-restart_request_count"[^>]*value="0"/);
    expect(v24).toMatch(/aria-invalid="true" aria-describedby="[^"]*-24-client_limit-unit [^"]*-24-client_limit-hint [^"]*-24-client_limit-error"/);
    expect(v24).toContain('client_limit: 0 is refused in 2.4');
    expect(v24).toContain('data-severity="danger"');
    expect(v24).toContain('Up to 5000 connections');
    expect(v24).toContain('value="https://wiki.example/calculator?s=2&amp;v=2.4&amp;cl=0&amp;rc=unlimited&amp;peak=5000"');
  });

  it('survives an engine that throws', () => {
    const html = renderToStaticMarkup(<ServiceCalculator service="boom" />);
    expect(html).toContain('The calculator could not evaluate this input (engine bug)');
    expect(html).toContain('Service: Dovecot 2.4 has no service boom');
  });
});

describe('formulas', () => {
  it('are typeset with KaTeX in the server render', async () => {
    const {prelude} = await prerenderToNodeStream(<ServiceCalculator service="imap" />);
    const html = await text(prelude);
    expect(html).toContain('<math xmlns="http://www.w3.org/1998/Math/MathML" display="block">');
    expect(html).toContain('<annotation encoding="application/x-tex">1024 \\times 1 = 1024</annotation>');
  });
});
