// Sentences that were once wrong on this site and must stay right, checked in every text a reader
// sees: the wiki and blog pages, the settings catalog's prose, the widgets' texts and the
// measurement results file.
//  - Timo Sirainen's "isn't a performance problem in most (if any) systems" (2012) is about forking
//    a new imap process per connection, the reason reuse is not the default. It must be quoted
//    word for word and never as if it said that *reusing* processes is no performance problem.
//  - process_min_avail counts processes with a free client slot; they are idle ones only when a
//    process takes one connection. No sentence may call them idle processes without saying so.
//  - fork() failed "(ulimit -u N reached?)": LimitNPROC does not limit the root master's forks
//    (the kernel exempts root, the master raises its own); under systemd TasksMax is the limit.
import {readdirSync, readFileSync} from 'node:fs';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';

function files(dir: string, re: RegExp): string[] {
  return readdirSync(dir, {withFileTypes: true}).flatMap((e) =>
    e.isDirectory() ? files(join(dir, e.name), re) : re.test(e.name) && !/\.test\.tsx?$/.test(e.name) ? [join(dir, e.name)] : [],
  );
}

const SOURCES = [
  ...files('docs', /\.mdx?$/),
  ...files('blog', /\.mdx?$/),
  ...files('src/lib/dovecot', /\.ts$/),
  ...files('src/components', /\.tsx?$/),
  ...files('src/pages', /\.(tsx|mdx?)$/),
  'data/measured/results.json',
];

/** The text as sentences: whitespace collapsed, split after . ! ? followed by a capital or markup. */
function sentences(text: string): string[] {
  return text
    .replace(/\\'/g, "'")
    .replace(/\s+/g, ' ')
    .split(/(?<=[.!?])\s+(?=[A-Z`*<[(])/);
}

/** Prose in units: a page by its paragraphs, code by its lines (its texts are one-line strings). */
function units(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return /\.tsx?$/.test(file) ? text.split('\n') : text.split(/\n\s*\n/);
}

const ALL = SOURCES.flatMap((file) => units(file).flatMap((u) => sentences(u).map((s) => ({file, s}))));
const SOURCE_MESSAGE = readFileSync(join(__dirname, 'fixtures/timo-2012-06-22.txt'), 'utf8').replace(/\s+/g, ' ');

describe("Timo's 2012 sentence keeps its meaning", () => {
  const about = ALL.filter(({s}) => /performance problem/i.test(s));

  it('is quoted on the pages that rest on it', () => {
    const quoted = about.filter(({s}) => s.includes("isn't a performance problem in most (if any) systems"));
    const where = new Set(quoted.map((q) => q.file));
    for (const page of ['docs/services.mdx', 'docs/services/service-count.mdx', 'docs/measured.mdx', 'blog/2026-11-30-measured.mdx']) {
      expect(where.has(page), page).toBe(true);
    }
  });

  it('every quotation is word for word from the message', () => {
    for (const {file, s} of about) {
      for (const m of s.matchAll(/"([^"]*performance problem[^"]*)"/g)) {
        expect(SOURCE_MESSAGE.includes(m[1].replace(/\s+/g, ' ')), `${file}: "${m[1]}"`).toBe(true);
      }
    }
  });

  it('is said of forking a new process, never of reusing one', () => {
    for (const {file, s} of about) {
      expect(s, file).toMatch(/fork|new `?imap`? process|process (per|for (each|every)) (connection|login)|starting a (new )?process/i);
      expect(s, file).not.toMatch(/reus\w*[^.]{0,80}(isn't|is not|not) (a|no) performance problem/i);
      expect(s, file).not.toMatch(/reus\w*[^.]{0,40}"isn't a performance problem/i);
    }
  });
});

describe('process_min_avail is not a count of idle processes in high-performance mode', () => {
  const ONE_CONNECTION = /one connection|client_limit = 1|client_limit` = 1|high-security|service_count` `?= 1|restart_request_count` `?= 1|free (client )?slot|idle_kill|SIGINT|stayed idle|longest-idle/i;

  it('every sentence that calls them idle says when that holds', () => {
    const bad = ALL.filter(({s}) => /process_min_avail/.test(s) && /\bidle (processes|ones)\b/i.test(s) && !ONE_CONNECTION.test(s));
    expect(bad.map(({file, s}) => `${file}: ${s}`)).toEqual([]);
  });

  it('the pages that define it say what the master counts in high-performance mode', () => {
    for (const page of ['docs/services.mdx', 'docs/services/process-limit.mdx']) {
      const text = readFileSync(page, 'utf8').replace(/\s+/g, ' ');
      expect(text, page).toMatch(/free client slot/);
      expect(text, page).toMatch(/busy process starts no fork/);
    }
  });
});

describe('fork() failed is not fixed with LimitNPROC', () => {
  it('every paragraph that names LimitNPROC says it is not the limit to raise', () => {
    const named = SOURCES.flatMap((file) => units(file).map((p) => ({file, p: p.replace(/\s+/g, ' ')}))).filter(({p}) => /LimitNPROC/.test(p));
    expect(named.length).toBeGreaterThan(0);
    const bad = named.filter(({p}) => !/rarely the limit|does not (apply|help)|changes nothing/i.test(p));
    expect(bad.map(({file, p}) => `${file}: ${p}`)).toEqual([]);
  });

  it("the explainer's fix for the log line raises TasksMax", () => {
    const logs = readFileSync('src/lib/dovecot/explain/logs.ts', 'utf8');
    const entry = logs.slice(logs.indexOf("kind: 'fork-failed'"), logs.indexOf("anchored('fork-failed')"));
    expect(entry).toMatch(/fix: \{text: `[^`]*raise \\`TasksMax\\`/);
  });
});
