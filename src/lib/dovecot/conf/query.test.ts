// Tests for the consumer helpers: section lookup, settings, walking,
// flattening, 2.4 flat service keys and the doveconf header reader.

import {describe, expect, it} from 'vitest';
import {
  expandFlatServiceSetting,
  findSections,
  flattenSettings,
  getSetting,
  getSettings,
  parseConfig,
  readHeader,
  sectionLabel,
  walkConfig,
  type ConfigTree,
  type Node,
  type SectionNode,
} from './index';

const text = [
  'protocols = imap',
  'service imap-login {',
  '  inet_listener imap {',
  '    port = 143',
  '  }',
  '  inet_listener imaps {',
  '    port = 993',
  '  }',
  '  process_min_avail = 4',
  '  process_min_avail = 8',
  '}',
  'service imap {',
  '  process_limit = 1024',
  '}',
  'service imap-login {',
  '  client_limit = 1000',
  '}',
  'group @metric_defaults backend {',
  '  metric x {',
  '    filter = event=y',
  '  }',
  '}',
].join('\n');
const {tree} = parseConfig(text);

describe('findSections / getSetting', () => {
  it('finds direct sections by type and name, repeated ones included', () => {
    expect(findSections(tree, 'service').map(sectionLabel)).toEqual([
      'service imap-login',
      'service imap',
      'service imap-login',
    ]);
    expect(findSections(tree, 'service', {name: 'imap-login'})).toHaveLength(2);
    expect(findSections(tree, 'inet_listener')).toEqual([]);
    expect(findSections(tree, 'inet_listener', {deep: true}).map((s) => s.name)).toEqual(['imap', 'imaps']);
  });

  it('reads settings; the last one wins', () => {
    const [login] = findSections(tree, 'service', {name: 'imap-login'});
    expect(getSetting(login, 'process_min_avail')?.value).toBe('8');
    expect(getSettings(login, 'process_min_avail').map((s) => s.value)).toEqual(['4', '8']);
    expect(getSetting(login, 'nope')).toBeUndefined();
    expect(getSetting(tree, 'protocols')?.pos).toEqual({line: 1, column: 1});
    const [imaps] = findSections(login, 'inet_listener', {name: 'imaps'});
    expect(getSetting(imaps, 'port')?.value).toBe('993');
  });
});

describe('walkConfig / flattenSettings', () => {
  it('flattens every setting with its section path', () => {
    expect(flattenSettings(tree).map((s) => [s.path.join(' / '), s.key, s.value, s.pos.line])).toEqual([
      ['', 'protocols', 'imap', 1],
      ['service imap-login / inet_listener imap', 'port', '143', 4],
      ['service imap-login / inet_listener imaps', 'port', '993', 7],
      ['service imap-login', 'process_min_avail', '4', 9],
      ['service imap-login', 'process_min_avail', '8', 10],
      ['service imap', 'process_limit', '1024', 13],
      ['service imap-login', 'client_limit', '1000', 16],
      ['group @metric_defaults backend / metric x', 'filter', 'event=y', 20],
    ]);
  });

  it('flattens inside one section with that section as the root of the path', () => {
    const [imap] = findSections(tree, 'service', {name: 'imap'});
    expect(flattenSettings(imap).map((s) => s.path)).toEqual([['service imap']]);
  });

  it("supports 'skip' and 'stop'", () => {
    const seen: string[] = [];
    walkConfig(tree, (n) => {
      if (n.kind === 'section') {
        seen.push(sectionLabel(n));
        return n.name === 'imap-login' ? 'skip' : undefined;
      }
      if (n.kind === 'setting' && n.key === 'process_limit') return 'stop';
      return undefined;
    });
    expect(seen).toEqual(['service imap-login', 'service imap']);
  });

  it('walks deep trees in linear time', () => {
    // the parser stops at MAX_SECTION_DEPTH; a tree built in code can be deeper
    const depth = 20_000;
    const deep: ConfigTree = {children: []};
    let parent: {children: Node[]} = deep;
    for (let i = 0; i < depth; i++) {
      const s: SectionNode = {kind: 'section', type: 'a', children: [], pos: {line: i + 1, column: 1}};
      parent.children.push(s);
      parent = s;
    }
    parent.children.push({kind: 'setting', key: 'k', value: 'v', pos: {line: depth + 1, column: 1}});
    let sections = 0;
    let maxDepth = 0;
    const t0 = performance.now();
    walkConfig(deep, (n, ancestors) => {
      if (n.kind === 'section') sections++;
      maxDepth = Math.max(maxDepth, ancestors.length);
    });
    expect(performance.now() - t0).toBeLessThan(1000);
    expect([sections, maxDepth]).toEqual([depth, depth]);
  });

  it('gives ancestors outermost first', () => {
    const paths: string[][] = [];
    walkConfig(tree, (n, ancestors: readonly SectionNode[]) => {
      if (n.kind === 'setting' && n.key === 'port') paths.push(ancestors.map((a) => a.type));
    });
    expect(paths).toEqual([
      ['service', 'inet_listener'],
      ['service', 'inet_listener'],
    ]);
  });
});

describe('expandFlatServiceSetting', () => {
  it('maps 2.4 flat service keys', () => {
    expect(expandFlatServiceSetting('service_process_limit')).toEqual({scope: 'global', setting: 'process_limit'});
    expect(expandFlatServiceSetting('service_vsz_limit')).toEqual({scope: 'global', setting: 'vsz_limit'});
    expect(expandFlatServiceSetting('service/imap/service_process_limit')).toEqual({
      scope: 'service',
      service: 'imap',
      setting: 'process_limit',
    });
    expect(expandFlatServiceSetting('service/imap-login/service_process_min_avail')).toEqual({
      scope: 'service',
      service: 'imap-login',
      setting: 'process_min_avail',
    });
    expect(expandFlatServiceSetting('service/imap/process_limit')).toEqual({
      scope: 'service',
      service: 'imap',
      setting: 'process_limit',
    });
    expect(expandFlatServiceSetting('service/imap-login/inet_listener/imaps/port')).toEqual({
      scope: 'listener',
      service: 'imap-login',
      listener: {type: 'inet_listener', name: 'imaps'},
      setting: 'port',
    });
    expect(expandFlatServiceSetting('service/auth/unix_listener/auth-userdb/unix_listener_mode')).toEqual({
      scope: 'listener',
      service: 'auth',
      listener: {type: 'unix_listener', name: 'auth-userdb'},
      setting: 'mode',
    });
  });

  it('returns null for anything else', () => {
    for (const key of [
      'process_limit',
      'service_count',
      'service_name',
      'default_process_limit',
      'service/imap/nonsense',
      'service//process_limit',
      'passdb/pam/driver',
      'service/imap-login/inet_listener/imaps/mode',
      'service/imap/service_process_limit/extra',
      '',
    ]) {
      expect(expandFlatServiceSetting(key), key).toBeNull();
    }
  });
});

describe('readHeader', () => {
  it('reads a 2.3 header', () => {
    expect(
      readHeader(
        '# 2.3.19.1 (9b53102964): /etc/dovecot/dovecot.conf\n# Pigeonhole version 0.5.19 (4eae2f79)\n# OS: Linux 6.1.0 x86_64 Debian 12.11 \n# Hostname: x\nmail_location = mbox:~/mail\n',
      ),
    ).toEqual({
      version: '2.3.19.1',
      series: '2.3',
      build: '9b53102964',
      configPath: '/etc/dovecot/dovecot.conf',
      pigeonholeVersion: '0.5.19',
      os: 'Linux 6.1.0 x86_64 Debian 12.11',
      hostname: 'x',
    });
  });

  it('reads a 2.4 header with a package revision', () => {
    expect(readHeader('\uFEFF# 2.4.1-4 (7d8c0e5759): /cfg/min.conf\r\n# Pigeonhole version 2.4.1-4 (0a86619f)\r\n')).toEqual({
      version: '2.4.1-4',
      series: '2.4',
      build: '7d8c0e5759',
      configPath: '/cfg/min.conf',
      pigeonholeVersion: '2.4.1-4',
    });
  });

  it('returns null without a version header', () => {
    expect(readHeader('')).toBeNull();
    expect(readHeader('# just a comment\nprotocols = imap\n')).toBeNull();
    expect(readHeader('protocols = imap\n# 2.3.19.1 (9b53102964): /x\n')).toBeNull();
    expect(readHeader(42 as unknown as string)).toBeNull();
  });
});
