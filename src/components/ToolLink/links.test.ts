import {describe, expect, it} from 'vitest';
import {decodeQuery as decodeCalculator} from '../ServiceCalculator/state';
import {decodeQuery as decodeGenerator} from '../ConfigGenerator/state';
import {calculatorHref, generatorHref} from './links';

const query = (href: string) => href.slice(href.indexOf('?'));

describe('docs links into the widgets', () => {
  it('the calculator opens with the service, settings and load of the example, in the version\'s spelling', () => {
    const h24 = calculatorHref('2.4', 'imap-login', {restart_request_count: 'unlimited', process_limit: '3500'}, {peakConnections: 3000});
    expect(h24).toBe('/calculator?s=1&v=2.4&svc=imap-login&pl=3500&rc=unlimited&peak=3000');
    const d24 = decodeCalculator(query(h24));
    expect(d24.notices).toEqual([]);
    expect(d24.state).toMatchObject({version: '2.4', service: 'imap-login', process_limit: '3500', restart_request_count: 'unlimited', client_limit: '', peakConnections: 3000, cores: 4});

    const d23 = decodeCalculator(query(calculatorHref('2.3', 'imap-login', {restart_request_count: 'unlimited'})));
    expect(d23.state).toMatchObject({version: '2.3', restart_request_count: '0'});
  });

  it('the generator opens with the answers of the example over its defaults', () => {
    const href = generatorHref('2.3', {imap: 3000, protocols: 'imap', cacheUsers: 10000});
    expect(href).toBe('/generator?s=1&v=2.3&proto=imap&imap=3000&users=10000');
    const d = decodeGenerator(query(href));
    expect(d.notices).toEqual([]);
    expect(d.state).toMatchObject({version: '2.3', imap: 3000, protocols: 'imap', cacheUsers: 10000, cores: 2});
  });
});
