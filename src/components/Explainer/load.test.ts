// The load fields' link format and what the engine gets: empty means "not given", never a
// default load; hostile query values are ignored with a notice.
import {describe, expect, it} from 'vitest';
import {decodeLoadQuery, emptyLoadForm, loadFormFromState, loadQueryFor, loadSummary, readLoad} from './load';

describe('explain load state', () => {
  it('an empty form is no load and an unchanged link', () => {
    expect(readLoad(emptyLoadForm())).toEqual({load: {}, problems: {}});
    expect(loadQueryFor(emptyLoadForm())).toBe('s=1');
    expect(loadSummary({})).toBeNull();
  });
  it('round-trips the fields given through the query', () => {
    const f = {...emptyLoadForm('2.3'), peakConnections: '5000', cores: '8'};
    const q = loadQueryFor(f);
    expect(q).toBe('s=1&v=2.3&peak=5000&cores=8');
    const back = loadFormFromState(decodeLoadQuery(`?${q}`).state);
    expect(back).toEqual(f);
    expect(readLoad(back).load).toEqual({peakConnections: 5000, cores: 8});
    expect(loadSummary(readLoad(back).load)).toBe('5,000 connections at peak, 8 cores');
  });
  it('typed text that is not a number is a problem of its field, not a load', () => {
    const r = readLoad({...emptyLoadForm(), peakConnections: 'lots', cores: '0', ramGiB: '16'});
    expect(r.load).toEqual({ramGiB: 16});
    expect(Object.keys(r.problems).sort()).toEqual(['cores', 'peakConnections']);
    expect(loadQueryFor({...emptyLoadForm(), peakConnections: 'lots'})).toBe('s=1');
  });
  it('a hostile query gives the empty form and notices', () => {
    const d = decodeLoadQuery('?peak=<script>&cores=-1&__proto__=1&rate=1e9');
    expect(loadFormFromState(d.state)).toEqual(emptyLoadForm());
    expect(d.notices.length).toBeGreaterThan(0);
  });
});
