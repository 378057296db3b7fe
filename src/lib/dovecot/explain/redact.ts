/**
 * Finds what should not go into a share link: passwords and keys in configs (`password`,
 * `ssl_key`, `ssl_key_password`, `connect = host=… password=…`), and user names and addresses in
 * log lines (`user=<…>`, `rip=`, `lip=`, `imap(user@example.com)`). Pure: returns spans, the
 * view offers them as checkboxes and `redact` replaces the chosen ones.
 *
 * Dovecot's own variables (`%u`, `%Lu`, `%{user}`, `%{env:DB_PASSWORD | default('x')}`) are never
 * part of a span: they are the configuration, not data (`login_log_format_elements = user=<%u>`),
 * and a share link must carry the config as Dovecot reads it.
 */

export type SecretKind = 'secret' | 'user' | 'ip';

export interface SecretSpan {
  /** Offsets into the text (UTF-16), end exclusive. */
  start: number;
  end: number;
  line: number;
  kind: SecretKind;
  /** "ssl_key_password on line 12", "rip=203.0.113.5 on line 40". */
  label: string;
}

/** Settings whose value is secret: names containing one of these words. */
const SECRET_KEY = /(?:password|passwd|secret|token|_key$|^key$|ssl_key|connect$|^args$)/i;
const SETTING = /^\s{0,200}([A-Za-z0-9_./-]{1,200})\s{0,20}=[ \t]{0,20}(\S.{0,100000})?$/;
const LOG_FIELD = /\b(user|rip|lip|orig_user|original_user)=(<[^>\n]{0,300}>|[^\s,>]{1,300})/g;
const PROCESS_USER = /\b(?:imap|pop3|lmtp|submission|managesieve|doveadm|sieve|indexer-worker|quota-status)\(([^)\s]{1,300})\)/;
const PLACEHOLDER: Record<SecretKind, string> = {secret: '[redacted]', user: '[user]', ip: '[ip]'};

/** A Dovecot variable: `%{…}` (to its closing brace), or `%` with up to two modifiers and a letter. */
const VARIABLE = /%\{[^}\n]{0,300}\}|%[LUEHXRN0-9.-]{0,3}[A-Za-z%]/g;

/** The parts of `value` (at `offset` in the text) outside Dovecot variables, trimmed, non-empty. */
function outsideVariables(value: string, offset: number): {start: number; end: number}[] {
  const out: {start: number; end: number}[] = [];
  const push = (a: number, b: number) => {
    while (a < b && /\s/.test(value[a])) a++;
    while (b > a && /\s/.test(value[b - 1])) b--;
    if (b > a) out.push({start: offset + a, end: offset + b});
  };
  let at = 0;
  VARIABLE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = VARIABLE.exec(value)) !== null) {
    push(at, m.index);
    at = m.index + m[0].length;
  }
  push(at, value.length);
  return out;
}

/** Hidden by doveconf already: `ssl_key = # hidden, use -P to dump it`. */
function isHiddenMarker(value: string): boolean {
  return value.startsWith('# hidden');
}

/** The secret-looking spans of `text`, in order. At most `max` (default 2000). */
export function findSecrets(text: string, max = 2000): SecretSpan[] {
  const out: SecretSpan[] = [];
  let start = 0;
  let line = 0;
  while (start <= text.length && out.length < max) {
    const nl = text.indexOf('\n', start);
    const end = nl < 0 ? text.length : nl;
    line++;
    const body = text.slice(start, end);
    const s = SETTING.exec(body);
    if (s && s[2] !== undefined && SECRET_KEY.test(s[1])) {
      let value = s[2];
      while (value.endsWith('\r')) value = value.slice(0, -1);
      const trimmed = value.trimEnd();
      if (trimmed !== '' && !isHiddenMarker(trimmed)) {
        const at = start + body.indexOf(s[2], body.indexOf('='));
        const parts = trimmed.includes('%') ? outsideVariables(trimmed, at) : [{start: at, end: at + trimmed.length}];
        for (const p of parts) out.push({...p, line, kind: 'secret', label: `${s[1]} on line ${line}`});
      }
    } else {
      LOG_FIELD.lastIndex = 0;
      let m: RegExpExecArray | null;
      const found: SecretSpan[] = [];
      while ((m = LOG_FIELD.exec(body)) !== null && found.length < 20) {
        let v = m[2];
        let off = m.index + m[1].length + 1;
        if (v.startsWith('<')) {
          v = v.slice(1, -1);
          off += 1;
        }
        // `user=<%u>` in login_log_format_elements: a variable, not a user name
        if (v === '' || v.includes('%')) continue;
        const kind: SecretKind = m[1] === 'rip' || m[1] === 'lip' ? 'ip' : 'user';
        found.push({start: start + off, end: start + off + v.length, line, kind, label: `${m[1]}=${v} on line ${line}`});
      }
      const p = PROCESS_USER.exec(body.slice(0, 2000));
      if (p && !/^\d{1,10}$/.test(p[1]) && !p[1].includes('%')) {
        const at = p.index + p[0].length - p[1].length - 1;
        found.push({start: start + at, end: start + at + p[1].length, line, kind: 'user', label: `user ${p[1]} on line ${line}`});
      }
      found.sort((a, b) => a.start - b.start);
      for (const f of found) if (out.length < max) out.push(f);
    }
    if (nl < 0) break;
    start = nl + 1;
  }
  return out;
}

/** Replaces the given spans (overlaps and out-of-range spans are skipped). */
export function redact(text: string, spans: readonly SecretSpan[]): string {
  const sorted = [...spans].filter((s) => s.start >= 0 && s.end <= text.length && s.start < s.end).sort((a, b) => a.start - b.start);
  let out = '';
  let at = 0;
  for (const s of sorted) {
    if (s.start < at) continue;
    out += text.slice(at, s.start) + PLACEHOLDER[s.kind];
    at = s.end;
  }
  return out + text.slice(at);
}
