// Change detectors only: the generator's text for each preset and version, looked at by hand once.
// The correctness checks are the hand-worked values in generate.test.ts and the real-doveconf
// property test in tests/doveconf/generator-doveconf.test.ts. After an intended change, review the
// diff and rewrite the files with UPDATE_GOLDEN=1.
import {existsSync, readFileSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {generate} from './generate';
import {presetInput, type PresetId} from './schema';

const DIR = join(__dirname, 'golden');
const update = process.env.UPDATE_GOLDEN === '1';

describe('golden output per preset and version', () => {
  for (const id of ['small-office', 'isp-10k', 'maximum-isolation'] as PresetId[]) {
    for (const version of ['2.4', '2.3'] as const) {
      it(`${id} ${version}`, () => {
        const out = generate(presetInput(id, version));
        for (const [file, actual] of [
          [`${id}-${version}.conf`, out.text],
          [`${id}-${version}.systemd.conf`, out.systemd],
        ] as const) {
          const path = join(DIR, file);
          if (update) writeFileSync(path, actual);
          expect(existsSync(path), `${file} missing: run with UPDATE_GOLDEN=1 and review it`).toBe(true);
          expect(actual, file).toBe(readFileSync(path, 'utf8'));
        }
      });
    }
  }
});
