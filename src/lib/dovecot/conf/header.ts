// Reads the comment header doveconf puts on top of its output, e.g.
//   # 2.3.19.1 (9b53102964): /etc/dovecot/dovecot.conf
//   # Pigeonhole version 0.5.19 (4eae2f79)
//   # OS: Linux 6.1.0 x86_64 Debian 12.11
//   # Hostname: mail
// to tell which Dovecot version produced a dump. For the parser these lines
// are ordinary comments.

export interface DoveconfHeader {
  /** "2.3.19.1", "2.4.1-4". */
  version: string;
  /** First two numbers: "2.3", "2.4". */
  series: string;
  /** Build id in parentheses, e.g. "9b53102964". */
  build?: string;
  /** Config file doveconf read. */
  configPath?: string;
  pigeonholeVersion?: string;
  os?: string;
  hostname?: string;
}

// Each applied to one short header line only; no nested quantifiers.
const VERSION_LINE = /^(\d+\.\d+(?:\.\d+)*(?:-[0-9A-Za-z.]+)?)(?: \(([0-9a-fA-F]+)\))?(?::\s*(.*))?$/;
const PIGEONHOLE_LINE = /^Pigeonhole version (\S+)/;

/** Lines longer than this are not doveconf header lines (keeps the regexes cheap). */
const MAX_HEADER_LINE = 1000;

/**
 * Extracts the version header from the top of a doveconf dump (only the
 * leading comment lines are looked at). Returns null when there is none.
 */
export function readHeader(text: string): DoveconfHeader | null {
  if (typeof text !== 'string') return null;
  let header: DoveconfHeader | null = null;
  let start = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  // doveconf prints at most a handful of header lines.
  for (let count = 0; count < 20 && start < text.length; count++) {
    const nl = text.indexOf('\n', start);
    const end = nl < 0 ? text.length : nl;
    const line = text.slice(start, Math.min(end, start + MAX_HEADER_LINE)).trim();
    start = end + 1;
    if (line === '') continue;
    if (!line.startsWith('#')) break;
    const body = line.slice(1).trim();
    if (header === null) {
      const m = VERSION_LINE.exec(body);
      if (m) {
        const [, version, build, path] = m;
        const numbers = version.split(/[.-]/);
        header = {version, series: `${numbers[0]}.${numbers[1]}`};
        if (build !== undefined) header.build = build;
        if (path !== undefined && path !== '') header.configPath = path;
      }
      continue;
    }
    const ph = PIGEONHOLE_LINE.exec(body);
    if (ph) header.pigeonholeVersion = ph[1];
    else if (body.startsWith('OS:')) header.os = body.slice(3).trim();
    else if (body.startsWith('Hostname:')) header.hostname = body.slice(9).trim();
  }
  return header;
}
