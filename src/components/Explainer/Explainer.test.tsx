// Server-rendered HTML of the explainer: the built-in example is analysed at build time (what a
// reader without JavaScript sees), and hostile paste renders as text, never as markup.
import React from 'react';
import {renderToStaticMarkup} from 'react-dom/server';
import {describe, expect, it, vi} from 'vitest';
import fc from 'fast-check';
import {explain} from '../../lib/dovecot/explain';
import Explainer from './index';
import Report from './Report';
import {calculatorLink} from './links';

vi.mock('@theme/CodeBlock', () => ({
  default: ({children, language, title}: {children: string; language: string; title: string}) => (
    <pre data-language={language} data-title={title}>
      {children}
    </pre>
  ),
}));

const HOSTILE = [
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '"><svg onload=alert(1)>',
  'javascript:alert(1)',
  '<iframe src=//evil>',
];

function hostileConfig(h: string): string {
  return [
    `# 2.3.19.1 (9b53102964): ${h}`,
    `service ${h.replace(/\s/g, '')} {`,
    `  process_limit = ${h}`,
    `  ${h.replace(/\s/g, '_')} = 1`,
    '}',
    `service imap {`,
    `  executable = ${h}`,
    `  process_min_avail = 1`,
    '}',
    `ssl_key_password = ${h}`,
    `!include ${h}`,
    `Nov 30 09:15:47 mail dovecot: master: Warning: service(${h.replace(/[\s()]/g, '')}): process_limit (2) reached, client connections are being dropped`,
    `imap-login: Info: Disconnected: Connection queue full (${h}): user=<${h}>`,
    `doveconf: Fatal: Error in configuration file x line 5: ${h}: Unknown setting: ${h}`,
    `{{ ${h} }}`,
    h,
  ].join('\n');
}

describe('<Explainer> server render', () => {
  it('shows the labelled text area and the analysed example without JavaScript', () => {
    const html = renderToStaticMarkup(<Explainer />);
    expect(html).toMatch(/<label for="[^"]+"[^>]*>Configuration or log lines<\/label>/);
    expect(html).toContain('<textarea');
    expect(html).toContain('<h2 id="example">Example</h2>');
    // the example's analysis: detected version with its reason, a doveconf warning, the migration block, log lines
    expect(html).toContain('<strong>Dovecot 2.3</strong>: the doveconf header &quot;# 2.3.19.1 (9b53102964): /etc/dovecot/dovecot.conf&quot; on line 1.');
    expect(html).toContain('doveconf: Warning: service auth { client_limit=1000 } is lower than required under max. load (2348).');
    expect(html).toContain('data-language="dovecot"');
    expect(html).toContain('restart_request_count = unlimited # 2.3: service_count = 0');
    expect(html).toContain('href="/troubleshooting#process-limit-reached"');
    expect(html).toContain('href="/troubleshooting#error-83-out-of-memory"');
    expect(html).toContain('href="/calculator?s=1&amp;v=2.3&amp;svc=auth&amp;cl=2348"');
    // severity is a word, not only a colour
    expect(html).toMatch(/<span aria-hidden="true">!<\/span> Warning/);
  });
});

describe('hostile paste renders as text', () => {
  it.each(HOSTILE)('%s', (h) => {
    const html = renderToStaticMarkup(<Report result={explain(hostileConfig(h))} idPrefix="t" />);
    expect(html).not.toMatch(/<script|<img|<svg|<iframe/i);
    // no event-handler attribute inside any real tag (escaped text may mention one)
    expect(html).not.toMatch(/<[a-z][^>]*\son[a-z]+=/i);
    expect(html).not.toContain('href="javascript:');
    expect(html).toContain(h.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;'));
  });
  it('random mixes of hostile strings and real shapes never produce markup (500 runs)', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.constantFrom(...HOSTILE), fc.string({maxLength: 30})), {minLength: 1, maxLength: 5}), (parts) => {
        const html = renderToStaticMarkup(<Report result={explain(hostileConfig(parts.join(' ')))} idPrefix="t" />);
        expect(html).not.toMatch(/<script|<img|<svg|<iframe/i);
      }),
      {numRuns: 500, seed: 42},
    );
  });
  it('the calculator link goes through the calculator codec', () => {
    expect(calculatorLink({version: '2.4', service: 'imap-login', settings: {process_limit: '4'}})).toBe('/calculator?s=1&v=2.4&svc=imap-login&pl=4');
    expect(calculatorLink({version: '2.3', service: 'imap', settings: {vsz_limit: '512M', restart_request_count: '0'}})).toBe('/calculator?s=1&v=2.3&rc=0&vsz=512M');
    // a service the calculator does not know gets no link (it would open another service)
    expect(calculatorLink({version: '2.4', service: '<img>', settings: {process_limit: '4'}})).toBeNull();
    expect(calculatorLink({version: '2.4', service: 'director', settings: {}})).toBeNull();
  });
});

describe('<Report> layout: verdict and migration first, findings after', () => {
  // a 2.3 conf.d excerpt as forum posts carry it: an LMTP listener for Postfix without a name
  const TEXT = 'mail_location = maildir:~/Maildir\nservice lmtp {\n  inet_listener {\n    port = 24\n  }\n}\nservice imap-login {\n  service_count = 0\n}\nmaster: Warning: service(imap-login): process_limit (100) reached, client connections are being dropped\n';

  it('version, doveconf, migration (with its scope and the upgrade guide), then services and logs', () => {
    const html = renderToStaticMarkup(<Report result={explain(TEXT)} idPrefix="t" onVersion={() => {}} />);
    const at = (s: string) => {
      const i = html.indexOf(s);
      expect(i, s).toBeGreaterThanOrEqual(0);
      return i;
    };
    const order = [at('data-testid="version"'), at('id="t-doveconf"'), at('id="t-migration"'), at('id="t-services"'), at('id="t-logs"')];
    expect(order).toEqual([...order].sort((a, b) => a - b));
    expect(html).toContain('<strong>This converts the service, login-process and auth-cache settings</strong>');
    expect(html).toContain('href="https://doc.dovecot.org/main/installation/upgrade/2.3-to-2.4.html"');
    expect(html).toContain('inet_listener lmtp {');
    // the findings fold into groups under their headings
    expect(html).toMatch(/<details class="[^"]*"( open="")?><summary>2 services: no load given, so capacity is not judged<\/summary>/);
  });

  it('a text with no clue is read as the site version, and the other one is offered', () => {
    const html = renderToStaticMarkup(<Report result={explain('service imap {\n  process_limit = 500\n}\n', {siteVersion: '2.3'})} idPrefix="t" onVersion={() => {}} />);
    expect(html).toContain('nothing in the text says which version it is for, so it is read as Dovecot 2.3, the version chosen for this site.');
    expect(html).toMatch(/<button[^>]*>Read it as Dovecot 2\.4<\/button>/);
  });

  it('what holds for every service is said once, before the services', () => {
    // Hestia's 2.4 dovecot.conf runs the login processes as the internal user
    const html = renderToStaticMarkup(<Report result={explain('dovecot_config_version = 2.4.0\ndovecot_storage_version = 2.4.0\ndefault_login_user = dovecot\nservice imap-login {\n}\n')} idPrefix="t" />);
    expect(html.indexOf('id="t-across"')).toBeLessThan(html.indexOf('id="t-services"'));
    expect(html).toContain('All login processes (imap-login, pop3-login, …) run as dovecot (default_login_user = dovecot on line 3)');
  });
});
