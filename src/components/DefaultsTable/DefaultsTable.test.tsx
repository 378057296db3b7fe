// Server-rendered HTML of the catalog components: both versions present, each in its version
// class, with the version's own names and links to /settings anchors. Expected values are the
// FACTS.md numbers (imap-login 100 / 1000 / 1; lmtp 2.4.0 vs 2.4.1).
import {readFileSync} from 'node:fs';
import {join} from 'node:path';
import React from 'react';
import {renderToStaticMarkup} from 'react-dom/server';
import {describe, expect, it} from 'vitest';
import DefaultsTable from './index';
import {SettingDefaults, SettingInfo} from '../SettingDefaults';
import {anchorAliases, SETTINGS} from '../../lib/dovecot/catalog';

/** The markup inside the element with class `cls` (the components never nest these). */
function part(html: string, cls: 'dv-23' | 'dv-24'): string {
  const start = html.indexOf(`<div class="${cls}"`);
  expect(start).toBeGreaterThanOrEqual(0);
  const end = html.indexOf('<div class="dv-', start + 10);
  return html.slice(start, end === -1 ? undefined : end);
}

describe('<DefaultsTable>', () => {
  const html = renderToStaticMarkup(<DefaultsTable service="imap-login" />);
  const v23 = part(html, 'dv-23');
  const v24 = part(html, 'dv-24');

  it('renders both versions with their own names', () => {
    expect(v23).toContain('<code>service_count</code>');
    expect(v23).not.toContain('restart_request_count</code>');
    expect(v24).toContain('<code>restart_request_count</code>');
    expect(v24).not.toContain('<code>service_count</code>');
    expect(v23).toContain('<code>idle_kill</code>');
    expect(v24).toContain('<code>idle_kill_interval</code>');
  });

  it('links names to the /settings anchor (the 2.4 id for both versions)', () => {
    expect(v23).toContain('<a href="/settings#restart_request_count"><code>service_count</code></a>');
    expect(v24).toContain('<a href="/settings#restart_request_count"><code>restart_request_count</code></a>');
    expect(html).toContain('<a href="/settings#process_limit"><code>process_limit</code></a>');
  });

  it('shows the values in force: 100 processes, 1000 clients, 1 connection per process', () => {
    for (const v of [v23, v24]) {
      expect(v).toMatch(/process_limit<\/code><\/a><\/td><td><code>100<\/code>/);
      expect(v).toMatch(/client_limit<\/code><\/a><\/td><td><code>1000<\/code>/);
      expect(v).toMatch(/(service_count|restart_request_count)<\/code><\/a><\/td><td><code>1<\/code>/);
      expect(v).toMatch(/vsz_limit<\/code><\/a><\/td><td><code>256 M<\/code>/);
    }
    expect(v23).toContain('0 in the service → default_process_limit');
    expect(v24).toContain('inherited from service_process_limit');
    expect(v23).toContain('<code>imaps</code>');
    expect(v24).toContain('<code>srv.imap-login/%{pid}</code>');
  });

  it('2.4 lmtp notes the dovecot_config_version 2.4.0 default; 2.3 has none', () => {
    const lmtp = renderToStaticMarkup(<DefaultsTable service="lmtp" />);
    expect(part(lmtp, 'dv-24')).toContain('unlimited with dovecot_config_version = 2.4.0');
    expect(part(lmtp, 'dv-23')).toMatch(/service_count<\/code><\/a><\/td><td><code>unlimited<\/code>/);
  });

  it('says when a version lacks the service', () => {
    const director = renderToStaticMarkup(<DefaultsTable service="director" />);
    expect(part(director, 'dv-24')).toContain('Dovecot 2.4 has no <code>director</code> service.');
    expect(() => renderToStaticMarkup(<DefaultsTable service="nope" />)).toThrow(/no service/);
  });
});

describe('<SettingDefaults> and <SettingInfo>', () => {
  it('client_limit per service: imap 1, imap-login 1000 in both versions', () => {
    const html = renderToStaticMarkup(<SettingDefaults id="client_limit" />);
    for (const v of [part(html, 'dv-23'), part(html, 'dv-24')]) {
      expect(v).toContain('<td>imap</td><td><code>1</code>');
      expect(v).toContain('<td>imap-login</td><td><code>1000</code>');
    }
    expect(part(html, 'dv-23')).toContain('<td>tcpwrap</td>');
    expect(part(html, 'dv-24')).not.toContain('<td>tcpwrap</td>');
  });

  it('auth_worker_max_count exists only in 2.3', () => {
    const html = renderToStaticMarkup(<SettingInfo id="auth_worker_max_count" />);
    expect(part(html, 'dv-24')).toContain('Not available in Dovecot 2.4.');
    expect(part(html, 'dv-23')).toContain('<code>30</code>');
  });

  it('restart_request_count info: both names, what 0 means per version', () => {
    const html = renderToStaticMarkup(<SettingInfo id="restart_request_count" />);
    expect(part(html, 'dv-23')).toContain('Dovecot 2.3 name: <code>service_count</code>');
    expect(part(html, 'dv-23')).toContain('0 means no limit');
    expect(html).toContain('restart_request_count must be higher than 0 (did you mean &quot;unlimited&quot;?)');
    expect(() => renderToStaticMarkup(<SettingInfo id="service_count" />)).toThrow(/unknown setting id/);
  });
});

describe('docs/settings.mdx', () => {
  const mdx = readFileSync(join(__dirname, '../../../docs/settings.mdx'), 'utf8');
  it('has slug /settings and imports the components', () => {
    expect(mdx).toMatch(/^---\nslug: \/settings\ntitle: Settings reference\n/);
    expect(mdx).toContain("import {DefaultsTable, SettingInfo} from '@site/src/components/CatalogIsland';");
  });
  it('has a heading with {#id} and a SettingInfo for every catalog setting', () => {
    for (const d of SETTINGS) {
      expect(mdx).toMatch(new RegExp(`^#{2,3} .*\\{#${d.id}\\}$`, 'm'));
      expect(mdx).toContain(`<SettingInfo id="${d.id}" />`);
    }
  });
  it('has an invisible anchor for every alias', () => {
    for (const alias of Object.keys(anchorAliases)) expect(mdx).toContain(`<a id="${alias}"></a>`);
  });
});
