// Every Dovecot config block in the wiki is checked by the real doveconf of its version: a good
// block must be clean (exit 0, nothing on stderr) once wrapped as DESIGN.md defines, and also
// under the version's full default protocol set (Debian with every protocol package: imap pop3
// lmtp sieve submission), unless the block sets `protocols` itself or its meta names the narrower
// set the page states (`protocols="imap"`, said in its title too); a block marked bad="…" must
// fail with that message.
import {describe, expect, it} from 'vitest';
import {allDocsBlocks, extractBlocks} from './docs-blocks';
import {checkClean, requireBinaries, runDoveconf, wrapForCheck, type Version} from './doveconf';

/** Debian's protocols with every protocol package installed, the same in 12 (2.3) and 13 (2.4). */
export const FULL_PROTOCOL_SET = 'imap pop3 lmtp sieve submission';

function setsProtocols(text: string): boolean {
  return text.split('\n').some((l) => /^protocols\s*=/.test(l.replace(/#.*$/, '').trim()));
}

describe('the block extractor', () => {
  it('reads meta attributes and the enclosing version block', () => {
    const src = [
      '<V23Block>',
      '',
      '```dovecot title="conf.d/10-master.conf" version=2.3 bad="vsz_limit is too low"',
      'service imap {',
      '  vsz_limit = 1k',
      '}',
      '```',
      '',
      '</V23Block>',
      '```sh',
      'doveconf -n',
      '```',
      '```dovecot version=2.4',
      'x = 1',
      '```',
    ].join('\n');
    const blocks = extractBlocks('x.mdx', src);
    expect(blocks).toHaveLength(2);
    expect(blocks[0]).toMatchObject({line: 3, version: '2.3', bad: 'vsz_limit is too low', protocols: null, title: 'conf.d/10-master.conf', shownIn: '2.3'});
    expect(blocks[0].text).toBe('service imap {\n  vsz_limit = 1k\n}\n');
    expect(blocks[1]).toMatchObject({version: '2.4', bad: null, shownIn: null, text: 'x = 1\n'});
  });
});

describe('config blocks in docs/ and blog/', () => {
  const blocks = allDocsBlocks();

  it('there are blocks to check, and each names a version that matches where it is shown', () => {
    expect(blocks.length).toBeGreaterThan(0);
    const wrong = blocks
      .filter((b) => (b.version !== '2.3' && b.version !== '2.4') || (b.shownIn !== null && b.shownIn !== b.version))
      .map((b) => `${b.file}:${b.line} version=${b.version} shown in ${b.shownIn ?? 'both'}`);
    expect(wrong).toEqual([]);
  });

  it('a block that needs a narrower protocol set says so in its title', () => {
    const silent = blocks
      .filter((b) => b.protocols !== null && !(b.title ?? '').includes(`protocols = ${b.protocols}`))
      .map((b) => `${b.file}:${b.line} protocols="${b.protocols}" but title ${JSON.stringify(b.title)}`);
    expect(silent).toEqual([]);
  });

  requireBinaries();
  for (const b of blocks) {
    if (b.version !== '2.3' && b.version !== '2.4') continue;
    const version: Version = b.version;
    if (b.bad === null) {
      const stated = b.protocols !== null ? {protocols: b.protocols} : {};
      it(`${b.file}:${b.line} is clean in doveconf ${version}${b.protocols ? ` with protocols = ${b.protocols}` : ''}`, () => {
        const r = checkClean(version, b.text, stated);
        expect(r.stderr, `${r.wrapped}`).toBe('');
        expect(r.exitCode).toBe(0);
      });
      if (b.protocols === null && !setsProtocols(b.text)) {
        it(`${b.file}:${b.line} is clean in doveconf ${version} with protocols = ${FULL_PROTOCOL_SET}`, () => {
          const r = checkClean(version, b.text, {protocols: FULL_PROTOCOL_SET});
          expect(r.stderr, `${r.wrapped}`).toBe('');
          expect(r.exitCode).toBe(0);
        });
      }
    } else {
      const message = b.bad;
      it(`${b.file}:${b.line} fails in doveconf ${version} with "${message}"`, () => {
        const r = runDoveconf(version, wrapForCheck(version, b.text, b.protocols !== null ? {protocols: b.protocols} : {}));
        expect(r.stderr).toContain(message);
      });
    }
  }
});
