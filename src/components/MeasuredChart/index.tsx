/**
 * A horizontal bar chart as plain SVG, rendered at build time from numbers (no chart library,
 * nothing computed in the browser). Each row is a bar for the median, a whisker from the
 * smallest to the largest run, and the value written at the end. Text goes through React, so
 * labels are escaped.
 */
import React from 'react';
import {fmt} from '@site/src/lib/measured/results';
import {declaredMinHeight} from '@site/src/lib/farBlocks';

export type ChartRow = {label: string; value: number; min?: number; max?: number; group?: string};

export type ChartProps = {
  title: string;
  /** Unit shown on the axis and after each value, e.g. "logins/s". */
  unit: string;
  rows: ChartRow[];
  /** Legend/colour per group; rows without a group use the first colour. */
  groups?: string[];
  /** Significant digits of the value labels. */
  digits?: number;
  id?: string;
};

/** Layout in SVG units; the label column grows with the longest label (about 6.5 units a character at 12 px). */
export const CHART = {width: 760, labelWidth: 330, valueWidth: 70, rowHeight: 22, top: 30, axisHeight: 34, legendHeight: 22};

export function labelColumn(rows: readonly {label: string}[]): number {
  const longest = Math.max(0, ...rows.map((r) => r.label.length));
  return Math.max(CHART.labelWidth, Math.ceil(longest * 6.5) + 12);
}
const COLOURS = ['#2e8555', '#3b6fb6', '#b8572f', '#7a5195'];

/** A round axis maximum ≥ x and its tick step (1, 2 or 5 times a power of ten). */
export function niceScale(x: number, ticks = 5): {max: number; step: number} {
  if (!(x > 0) || !Number.isFinite(x)) return {max: 1, step: 0.2};
  const raw = x / ticks;
  const pow = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * pow).find((s) => s >= raw)!;
  return {max: Math.ceil(x / step - 1e-9) * step, step};
}

/** A chart's value as the measured tables write it. */
export function formatValue(x: number, digits = 3): string {
  return fmt(x, digits);
}

function slug(s: string): string {
  return s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

export default function MeasuredChart({title, unit, rows, groups = [], digits = 3, id}: ChartProps): React.ReactElement {
  const {valueWidth, rowHeight, top, axisHeight, legendHeight} = CHART;
  const labelWidth = labelColumn(rows);
  const width = CHART.width + (labelWidth - CHART.labelWidth);
  const plotWidth = width - labelWidth - valueWidth;
  const legend = groups.length > 1 ? legendHeight : 0;
  const height = top + legend + rows.length * rowHeight + axisHeight;
  const hi = Math.max(0, ...rows.map((r) => Math.max(r.value, r.max ?? r.value)).filter(Number.isFinite));
  const {max, step} = niceScale(hi);
  const x = (v: number) => labelWidth + (Math.max(0, Math.min(v, max)) / max) * plotWidth;
  const ticks: number[] = [];
  for (let t = 0; t <= max + step / 2; t += step) ticks.push(Number(t.toPrecision(10)));
  const base = id ?? `chart-${slug(title)}`;
  const colour = (g?: string) => COLOURS[Math.max(0, g ? groups.indexOf(g) : 0) % COLOURS.length];
  const plotTop = top + legend;
  const plotBottom = plotTop + rows.length * rowHeight;
  return (
    // a chart's figure is at least 144 px tall at every width (title and two bars)
    <figure {...declaredMinHeight(100)} className="measured-chart" style={{margin: '1.5rem 0', maxWidth: width}}>
      <svg viewBox={`0 0 ${width} ${height}`} width="100%" role="img" aria-labelledby={`${base}-title`} style={{fontSize: 12, fontFamily: 'inherit'}}>
        <title id={`${base}-title`}>{`${title} (${unit})`}</title>
        <text x={0} y={16} fill="currentColor" fontWeight={600} fontSize={14}>
          {title}
        </text>
        {legend > 0 &&
          groups.map((g, i) => (
            <g key={g} className="legend">
              <rect x={labelWidth + i * 150} y={top + 2} width={12} height={12} fill={colour(g)} />
              <text x={labelWidth + i * 150 + 17} y={top + 12} fill="currentColor">
                {g}
              </text>
            </g>
          ))}
        <g className="grid">
          {ticks.map((t) => (
            <line key={t} x1={x(t)} x2={x(t)} y1={plotTop} y2={plotBottom} stroke="currentColor" strokeOpacity={0.15} />
          ))}
        </g>
        <g className="bars">
          {rows.map((r, i) => {
            const y = plotTop + i * rowHeight;
            const ok = Number.isFinite(r.value);
            return (
              <g key={`${r.label}-${i}`} className="bar">
                <text x={labelWidth - 8} y={y + rowHeight / 2 + 4} textAnchor="end" fill="currentColor">
                  {r.label}
                </text>
                {ok && <rect x={labelWidth} y={y + 4} width={Math.max(0.5, x(r.value) - labelWidth)} height={rowHeight - 8} fill={colour(r.group)} />}
                {ok && r.min !== undefined && r.max !== undefined && Number.isFinite(r.min) && Number.isFinite(r.max) && r.max > r.min && (
                  <g className="whisker" stroke="currentColor" strokeWidth={1.2}>
                    <line x1={x(r.min)} x2={x(r.max)} y1={y + rowHeight / 2} y2={y + rowHeight / 2} />
                    <line x1={x(r.min)} x2={x(r.min)} y1={y + 7} y2={y + rowHeight - 7} />
                    <line x1={x(r.max)} x2={x(r.max)} y1={y + 7} y2={y + rowHeight - 7} />
                  </g>
                )}
                <text x={ok ? Math.max(x(r.value), x(r.max ?? r.value)) + 5 : labelWidth + 5} y={y + rowHeight / 2 + 4} fill="currentColor">
                  {ok ? formatValue(r.value, digits) : 'no data'}
                </text>
              </g>
            );
          })}
        </g>
        <g className="axis">
          <line x1={labelWidth} x2={labelWidth + plotWidth} y1={plotBottom} y2={plotBottom} stroke="currentColor" />
          <line x1={labelWidth} x2={labelWidth} y1={plotTop} y2={plotBottom} stroke="currentColor" />
          {ticks.map((t) => (
            <text key={t} x={x(t)} y={plotBottom + 14} textAnchor="middle" fill="currentColor">
              {formatValue(t, 4)}
            </text>
          ))}
          <text x={labelWidth + plotWidth / 2} y={plotBottom + 30} textAnchor="middle" fill="currentColor">
            {unit}
          </text>
        </g>
      </svg>
      <figcaption style={{fontSize: '0.85em'}}>Bars: median of the runs; whiskers: lowest to highest run.</figcaption>
    </figure>
  );
}
