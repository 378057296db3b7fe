// Every Dovecot config block in the wiki is checked by the real doveconf of its version: a good
// block must be clean (exit 0, nothing on stderr) once wrapped as DESIGN.md defines; a block
// marked bad="…" must fail with that message.
import {describe, expect, it} from 'vitest';
import {allDocsBlocks, extractBlocks} from './docs-blocks';
import {checkClean, requireBinaries, runDoveconf, wrapForCheck, type Version} from './doveconf';

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
    expect(blocks[0]).toMatchObject({line: 3, version: '2.3', bad: 'vsz_limit is too low', title: 'conf.d/10-master.conf', shownIn: '2.3'});
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

  requireBinaries();
  for (const b of blocks) {
    if (b.version !== '2.3' && b.version !== '2.4') continue;
    const version: Version = b.version;
    if (b.bad === null) {
      it(`${b.file}:${b.line} is clean in doveconf ${version}`, () => {
        const r = checkClean(version, b.text);
        expect(r.stderr, `${r.wrapped}`).toBe('');
        expect(r.exitCode).toBe(0);
      });
    } else {
      const message = b.bad;
      it(`${b.file}:${b.line} fails in doveconf ${version} with "${message}"`, () => {
        const r = runDoveconf(version, wrapForCheck(version, b.text));
        expect(r.stderr).toContain(message);
      });
    }
  }
});
