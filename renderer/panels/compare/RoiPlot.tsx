/** Paired plot: one line per subject from B to A, group means with 95% CIs; hover names the subject. */
import { participantRow, type Participants } from '../../../shared/study';

const PALETTE = ['#ffb347', '#5ec8ff', '#c38bff', '#7ee081', '#ff7a8a', '#f5f56b'];

function ci95(values: number[]): { mean: number; lo: number; hi: number } {
  const v = values.filter(Number.isFinite);
  const n = v.length;
  const mean = v.reduce((s, x) => s + x, 0) / Math.max(1, n);
  const sd = n > 1 ? Math.sqrt(v.reduce((s, x) => s + (x - mean) ** 2, 0) / (n - 1)) : 0;
  // t(0.975, n-1) ~ 2.06 at n = 25; a small table covers typical study sizes.
  const tcrit = n > 1 ? tQuantile975(n - 1) : 0;
  const half = (tcrit * sd) / Math.sqrt(Math.max(1, n));
  return { mean, lo: mean - half, hi: mean + half };
}

function tQuantile975(df: number): number {
  const table: Record<number, number> = { 1: 12.71, 2: 4.3, 3: 3.18, 4: 2.78, 5: 2.57, 6: 2.45, 7: 2.36, 8: 2.31, 9: 2.26, 10: 2.23, 12: 2.18, 15: 2.13, 20: 2.09, 24: 2.06, 30: 2.04, 40: 2.02, 60: 2.0, 120: 1.98 };
  const keys = Object.keys(table).map(Number).sort((a, b) => a - b);
  for (const k of keys) if (df <= k) return table[k];
  return 1.96;
}

export interface RoiPlotProps {
  roi: string;
  subjects: string[];
  a: number[];
  b: number[];
  labelA: string;
  labelB: string;
  units: string;
  participants?: Participants;
  colourBy: string | null;
}

export function RoiPlot({ roi, subjects, a, b, labelA, labelB, units, participants, colourBy }: RoiPlotProps) {
  const W = 300;
  const H = 200;
  const pad = { l: 52, r: 12, t: 10, b: 28 };
  const all = [...a, ...b].filter(Number.isFinite);
  if (all.length === 0) return null;
  let lo = Math.min(...all);
  let hi = Math.max(...all);
  const span = hi - lo || 1;
  lo -= 0.05 * span;
  hi += 0.05 * span;
  const y = (v: number) => pad.t + ((hi - v) / (hi - lo)) * (H - pad.t - pad.b);
  const xB = pad.l + 40;
  const xA = W - pad.r - 40;
  const levels: string[] = [];
  const levelOf = (subject: string): string | null => {
    if (!colourBy) return null;
    const v = participantRow(participants, subject)?.[colourBy] ?? '';
    if (!levels.includes(v)) levels.push(v);
    return v;
  };
  const lines = subjects.map((s, i) => ({ s, i, level: levelOf(s) }));
  const colour = (level: string | null) => (level === null ? '#9fb4d0' : PALETTE[levels.indexOf(level) % PALETTE.length]);
  const mA = ci95(a);
  const mB = ci95(b);
  const ticks = [lo + 0.05 * span, (lo + hi) / 2, hi - 0.05 * span];
  return (
    <figure className="roi-plot-figure">
      <svg data-testid="roi-plot" data-roi={roi} viewBox={`0 0 ${W} ${H}`} width="100%" role="img" aria-label={`${roi}: ${labelB} to ${labelA} per subject`}>
        <line x1={pad.l} x2={pad.l} y1={pad.t} y2={H - pad.b} stroke="#667" />
        {ticks.map((v) => (
          <g key={v}>
            <line x1={pad.l - 4} x2={pad.l} y1={y(v)} y2={y(v)} stroke="#667" />
            <text x={pad.l - 6} y={y(v) + 4} textAnchor="end" fontSize="11" fill="#aab">{v.toPrecision(3)}</text>
          </g>
        ))}
        <text x={12} y={(H - pad.b + pad.t) / 2} fontSize="11" fill="#aab" transform={`rotate(-90 12 ${(H - pad.b + pad.t) / 2})`} textAnchor="middle">{units}</text>
        {lines.map(({ s, i, level }) =>
          Number.isFinite(a[i]) && Number.isFinite(b[i]) ? (
            <line key={s} data-testid="roi-subject-line" data-subject={s} className="subject-line" x1={xB} x2={xA} y1={y(b[i])} y2={y(a[i])} stroke={colour(level)} strokeWidth={1.6} strokeOpacity={0.75}>
              <title>{`${s}${level !== null ? ` (${colourBy} ${level})` : ''}: ${labelB} ${b[i].toPrecision(4)} → ${labelA} ${a[i].toPrecision(4)}`}</title>
            </line>
          ) : null,
        )}
        {[{ m: mB, x: xB - 18 }, { m: mA, x: xA + 18 }].map(({ m, x }) => (
          <g key={x} data-testid="roi-group-mean">
            <line x1={x} x2={x} y1={y(m.lo)} y2={y(m.hi)} stroke="#fff" strokeWidth={2.5} />
            <circle cx={x} cy={y(m.mean)} r={5} fill="#fff" />
            <title>{`mean ${m.mean.toPrecision(4)}, 95% CI ${m.lo.toPrecision(4)} to ${m.hi.toPrecision(4)}`}</title>
          </g>
        ))}
        <text x={xB} y={H - 8} textAnchor="middle" fontSize="13" fill="#dde">{labelB}</text>
        <text x={xA} y={H - 8} textAnchor="middle" fontSize="13" fill="#dde">{labelA}</text>
      </svg>
      {colourBy && (
        <figcaption className="legend">
          {levels.map((l) => (
            <span key={l}><i style={{ background: colour(l) }} /> {colourBy} {l || '(blank)'}</span>
          ))}
        </figcaption>
      )}
    </figure>
  );
}
