// Templates as config-management tools write them: Dovecot's own variables are never taken for
// template syntax, branches are kept apart (the else branch is followed, the others listed), and
// template expressions are carried through the analysis and the migration as written. Inputs are
// modelled on public templates: Ansible roles (Jinja), Puppet modules (ERB and EPP), confd/Helm
// (Go templates) and docker entrypoints (${VAR}).
import {describe, expect, it} from 'vitest';
import {explain} from './index';
import {findTags, TemplateReader} from './template';

function read(text: string): {kinds: string[]; reader: TemplateReader} {
  const reader = new TemplateReader();
  const kinds = text.split('\n').map((l, i) => (reader.needs(l) ? reader.line(i + 1, l).kind : 'plain'));
  reader.finish();
  return {kinds, reader};
}

describe('what is template syntax', () => {
  it("Dovecot's variables are not: user=<%u>, <%{session}>, %{user}, $default_login_user", () => {
    const lines = [
      'login_log_format_elements = user=<%u> method=%m rip=%r lip=%l mpid=%e %c session=<%{session}>',
      'mail_log_prefix = "%s(%u)<%{pid}><%{session}>: "',
      'mail_location = maildir:/var/vmail/%d/%n',
      'user = $default_login_user',
      'deliver_log_format = msgid=%m: %$',
    ];
    for (const l of lines) expect(findTags(l), l).toEqual([]);
    const r = explain(`${lines.join('\n')}\n`, {version: '2.3'});
    expect(r.cannotEvaluate).toEqual([]);
    expect(r.assumptions.some((a) => a.text.includes('template'))).toBe(false);
  });

  it('Jinja, ERB, EPP, Go and ${VAR} tags are, each closed on its line', () => {
    expect(findTags('port = {{ dovecot_imap_port }}')).toEqual([{start: 7, end: 30}]);
    expect(findTags('ssl_cert = <<%= @ssl_cert %>').map((t) => t.start)).toEqual([12]);
    expect(findTags('listen = <%= $listen.join(", ") -%>')).toHaveLength(1);
    expect(findTags('{% if x %}a{% else %}b{% endif %}')).toHaveLength(3);
    expect(findTags('process_limit = ${IMAP_PROCESS_LIMIT}')).toHaveLength(1);
    // an opening mark without its closing one is text
    expect(findTags('x = {{ unclosed')).toEqual([]);
    expect(findTags('x = ${')).toEqual([]);
  });

  it('takes linear time on a line of opening marks', () => {
    const t0 = performance.now();
    findTags('{{'.repeat(300_000));
    findTags(`${'{{ x '.repeat(100_000)}}}`);
    expect(performance.now() - t0).toBeLessThan(1000);
  });
});

describe('branches are kept apart', () => {
  it('Jinja if/else: the else branch is read, the if branch listed (no second listen)', () => {
    const text = ['protocols = imap', '{% if dovecot_ipv6 %}', 'listen = *, ::', '{% else %}', 'listen = *', '{% endif %}', ''].join('\n');
    const {kinds, reader} = read(text);
    expect(kinds.slice(0, 6)).toEqual(['plain', 'control', 'skipped', 'control', 'plain', 'control']);
    // the entry stands for the if, its line, the else that ends it and the endif of the chain
    expect(reader.skipped).toEqual([{tag: '{% if dovecot_ipv6 %}', tagLine: 2, firstLine: 3, lastLine: 3, lines: 1, loop: false, lineNumbers: [2, 3, 4, 6]}]);
    expect(reader.structure).toEqual([]);
    const r = explain(text, {version: '2.3'});
    expect(r.migration?.text).toContain('listen = *\n');
    expect(r.migration?.text).not.toContain('::');
    expect(r.cannotEvaluate.map((c) => c.text)).toEqual(['line 3, after {% if dovecot_ipv6 %} on line 2']);
    expect(r.migration?.notConverted.map((c) => c.line)).toContain(3);
  });

  it('an if without else is not followed: a debug-only value never becomes active', () => {
    const text = ['{%- if dovecot_debug %}', 'auth_debug = yes', 'service imap {', '  vsz_limit = 0', '}', '{%- endif %}', 'service imap {', '  vsz_limit = 1G', '}', ''].join('\n');
    const r = explain(text, {version: '2.3'});
    expect(r.services.find((s) => s.name === 'imap')?.written).toEqual([{key: 'vsz_limit', value: '1G', line: 8}]);
    expect(r.migration?.text).toContain('vsz_limit = 1G');
    expect(r.migration?.text).not.toContain('unlimited');
    expect(r.cannotEvaluate[0]).toMatchObject({line: 2, text: 'lines 2–5, after {%- if dovecot_debug %} on line 1'});
  });

  it('a tag spread over two lines (an Ansible role\'s `{% if … and\\n … %}`) is one tag', () => {
    const text = ['{% if dovecot_master.default_process_limit is defined and', '      dovecot_master.default_process_limit | string | length > 0 %}', 'default_process_limit = {{ dovecot_master.default_process_limit | int }}', '{% endif %}', '{% set x = 1 %}', 'default_client_limit = 2000'].join('\n');
    const {kinds, reader} = read(text);
    expect(kinds).toEqual(['control', 'control', 'skipped', 'control', 'control', 'plain']);
    expect(reader.skipped.map((b) => b.lineNumbers)).toEqual([[1, 2, 3, 4]]);
    expect(reader.structure).toEqual([5]);
    const m = explain(text, {version: '2.3'}).migration!;
    expect(m.text).toContain('default_client_limit = 2000');
    expect(m.text).not.toContain('default_process_limit');
    expect(m.notConverted.flatMap((c) => c.lines ?? [c.line]).sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5]);
  });

  it('several tags on one line, and tags after configuration (a YunoHost loop over domains)', () => {
    const text = [
      'ssl_cert = </etc/yunohost/certs/{{ main_domain }}/crt.pem',
      '{% for domain in domain_list.split() %}{% if domain != main_domain %}',
      'local_name {{ domain }} {',
      '  ssl_cert = </etc/yunohost/certs/{{ domain }}/crt.pem',
      '}{% endif %}{% endfor %}',
      'protocols = imap {% if pop3_enabled == "True" %}pop3{% endif %}',
      '{% if debug %}auth_debug = yes{% endif %}',
      'ssl_min_protocol = TLSv1.2',
    ].join('\n');
    const {kinds, reader} = read(text);
    expect(kinds).toEqual(['expressions', 'control', 'skipped', 'skipped', 'skipped', 'text', 'skipped', 'plain']);
    expect(reader.skipped.map((b) => [b.tag, b.lineNumbers])).toEqual([
      ['{% for domain in domain_list.split() %}', [2, 3, 4, 5]],
      ['{% if pop3_enabled == "True" %}', [6]],
      ['{% if debug %}', [7]],
    ]);
    const r = explain(text, {version: '2.3'});
    expect(r.parseErrors).toEqual([]);
    expect(r.migration?.text).toContain('protocols = imap\n');
    expect(r.migration?.text).not.toContain('auth_debug');
  });

  it('elif branches and nested ifs inside a branch not followed stay in one list entry', () => {
    const text = ['{% if a %}', 'x = 1', '{% if b %}', 'y = 2', '{% endif %}', '{% elif c %}', 'z = 3', '{% else %}', 'w = 4', '{% endif %}', 'v = 5'].join('\n');
    const {kinds, reader} = read(text);
    expect(kinds).toEqual(['control', 'skipped', 'control', 'skipped', 'control', 'control', 'skipped', 'control', 'plain', 'control', 'plain']);
    expect(reader.skipped.map((b) => [b.tag, b.firstLine, b.lastLine])).toEqual([['{% if a %}', 2, 4], ['{% elif c %}', 7, 7]]);
  });

  it('ERB (Puppet/Chef) if/else/end and each-do loops', () => {
    const text = ['<% if @ssl -%>', 'ssl = required', '<% else -%>', 'ssl = no', '<% end -%>', '<% @listeners.each do |l| -%>', 'inet_listener <%= l %> {', '}', '<% end -%>', 'port = <%= @port %>'].join('\n');
    const {kinds, reader} = read(text);
    expect(kinds).toEqual(['control', 'skipped', 'control', 'plain', 'control', 'control', 'skipped', 'skipped', 'control', 'expressions']);
    expect(reader.languages).toContain('ERB');
    expect(reader.skipped[1]).toMatchObject({loop: true, firstLine: 7, lastLine: 8});
  });

  it('EPP (Puppet) braces and Go templates (confd, Helm)', () => {
    const epp = read(['<%- if $dovecot::debug { -%>', 'auth_debug = yes', '<%- } else { -%>', 'auth_debug = no', '<%- } -%>'].join('\n'));
    expect(epp.kinds).toEqual(['control', 'skipped', 'control', 'plain', 'control']);
    expect(epp.reader.languages).toEqual(['EPP']);
    const go = read(['{{ if .Debug }}', 'auth_debug = yes', '{{ else if .Verbose }}', 'auth_verbose = yes', '{{ else }}', 'auth_debug = no', '{{ end }}', '{{- range .Listeners }}', 'x = {{ .Port }}', '{{- end }}'].join('\n'));
    expect(go.kinds).toEqual(['control', 'skipped', 'control', 'skipped', 'control', 'plain', 'control', 'control', 'skipped', 'control']);
  });
});

describe('template expressions through the analysis and the migration', () => {
  // modelled on an Ansible role's 10-master.conf.j2
  const ROLE = [
    '# {{ ansible_managed }}',
    'service imap-login {',
    '  inet_listener imap {',
    '    port = {{ dovecot_imap_port }}',
    '  }',
    '  service_count = {{ dovecot_login_service_count }}',
    '  process_min_avail = {{ ansible_processor_vcpus }}',
    '}',
    'service {{ dovecot_lda_service }} {',
    '  unix_listener /var/spool/postfix/private/dovecot-lmtp {',
    '    mode = 0600',
    '  }',
    '}',
    '{{ dovecot_extra_master }}',
    '',
  ].join('\n');

  it('parses around them, lists them once, and shows them as written', () => {
    const r = explain(ROLE, {version: '2.3'});
    expect(r.parseErrors).toEqual([]);
    expect(r.rules.filter((x) => x.source === 'doveconf')).toEqual([]);
    expect(r.cannotEvaluate.map((c) => c.line)).toEqual([4, 6, 7, 9, 14]);
    const login = r.services.find((s) => s.name === 'imap-login')!;
    expect(login.effective).toBeNull();
    expect(login.problems).toContain('service_count (line 6) cannot be evaluated: the template fills in its value when it is rendered.');
    expect(JSON.stringify(r)).not.toMatch(/\u27e6/);
  });

  it('the migration carries copied settings as written and lists inserted text with its block', () => {
    const m = explain(ROLE, {version: '2.3'}).migration!;
    expect(m.text).toContain('    port = {{ dovecot_imap_port }}\n');
    expect(m.text).toContain('restart_request_count = {{ dovecot_login_service_count }}');
    expect(m.text).toContain('service {{ dovecot_lda_service }} {');
    expect(m.changes.find((c) => c.line === 6 && c.text.endsWith('kept as written'))?.note).toBe('The template fills in the value when it is rendered; if it renders 0, 2.4 needs `unlimited` instead.');
    expect(m.notConverted.map((c) => [c.line, c.text])).toEqual([[14, '{{ dovecot_extra_master }}']]);
  });
});
