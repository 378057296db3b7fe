// /explain draws its example from example.generated.ts instead of running the engine on load:
// the file must be what the engine says about the sample today.
import {describe, expect, it} from 'vitest';
import {explain} from '../../lib/dovecot/explain';
import {SAMPLE_TEXT} from '../../lib/dovecot/explain/sample';
import {EXAMPLE} from './example.generated';

describe('the precomputed example', () => {
  it('equals the analysis of the sample (else run npm run example:update)', () => {
    expect(EXAMPLE, 'src/components/Explainer/example.generated.ts is out of date: run npm run example:update').toEqual(JSON.parse(JSON.stringify(explain(SAMPLE_TEXT))));
  });
});
