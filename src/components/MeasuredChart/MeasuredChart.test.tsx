// The SVG chart rendered to static markup for a fixed data set: title, axis with round ticks,
// one bar per row with its width proportional to the value, whiskers for the run range,
// labels and values, escaped text.
import React from 'react';
import {renderToStaticMarkup} from 'react-dom/server';
import {describe, expect, it} from 'vitest';
import MeasuredChart, {CHART, formatValue, niceScale} from './index';

const rows = [
  {label: 'high-security', value: 100, min: 90, max: 110, group: 'Dovecot 2.3'},
  {label: 'high-performance', value: 250, min: 240, max: 260, group: 'Dovecot 2.3'},
  {label: '<script>alert("x")</script> & co', value: 50, group: 'Courier-IMAP'},
];

function render(): string {
  return renderToStaticMarkup(<MeasuredChart title="Logins per second" unit="logins/s" rows={rows} groups={['Dovecot 2.3', 'Courier-IMAP']} />);
}

describe('niceScale', () => {
  it('rounds the maximum up to a multiple of a 1/2/2.5/5 step', () => {
    expect(niceScale(260)).toEqual({max: 300, step: 100});
    expect(niceScale(95)).toEqual({max: 100, step: 20});
    expect(niceScale(0.37)).toEqual({max: 0.4, step: 0.1});
    expect(niceScale(0)).toEqual({max: 1, step: 0.2});
    expect(niceScale(NaN)).toEqual({max: 1, step: 0.2});
  });

  it('formats values with 3 significant digits and thousands separators', () => {
    expect(formatValue(123.456)).toBe('123');
    expect(formatValue(0.01234)).toBe('0.0123');
    expect(formatValue(12345)).toBe('12,345');
    expect(formatValue(NaN)).toBe('–');
  });
});

describe('MeasuredChart', () => {
  const html = render();

  it('is an accessible SVG with a title', () => {
    expect(html).toMatch(/^<figure[^>]*><svg viewBox="0 0 760 \d+"[^>]*role="img"/);
    expect(html).toContain('aria-labelledby="chart-logins-per-second-title"');
    expect(html).toContain('<title id="chart-logins-per-second-title">Logins per second (logins/s)</title>');
  });

  it('draws the axes with ticks 0..300 and the unit', () => {
    const axis = html.slice(html.indexOf('<g class="axis">'));
    for (const t of ['0', '100', '200', '300']) expect(axis).toContain(`>${t}</text>`);
    expect(axis).toContain('>logins/s</text>');
    expect((axis.match(/<line /g) ?? []).length).toBe(2);
  });

  it('draws one bar per row, proportional to the value', () => {
    const bars = [...html.slice(html.indexOf('<g class="bars">')).matchAll(/<rect x="330" y="[\d.]+" width="([\d.]+)"/g)].map((m) => Number(m[1]));
    const plot = CHART.width - CHART.labelWidth - CHART.valueWidth;
    expect(bars).toHaveLength(3);
    [100, 250, 50].forEach((v, i) => expect(bars[i]).toBeCloseTo((v / 300) * plot, 6));
  });

  it('draws whiskers only for rows with a range', () => {
    expect((html.match(/class="whisker"/g) ?? []).length).toBe(2);
  });

  it('writes labels, values and a legend', () => {
    expect(html).toContain('>high-security</text>');
    expect(html).toContain('>250</text>');
    expect(html).toContain('>Courier-IMAP</text>');
    expect((html.match(/class="legend"/g) ?? []).length).toBe(2);
  });

  it('escapes text', () => {
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; co');
  });

  it('says "no data" for a missing value instead of drawing a bar', () => {
    const out = renderToStaticMarkup(<MeasuredChart title="t" unit="u" rows={[{label: 'a', value: NaN}]} />);
    expect(out).toContain('>no data</text>');
    expect(out).not.toContain('<rect');
  });
});
