/** Contrast choices: conditions and direction, statistic, threshold (p / FDR q / raw), sides, extent, dual coding. */
import type { Statistic, ThresholdSpec } from '../../../shared/compare';
import { useApp } from '../../context/store';
import { useCommands, useGesture } from '../../context/commands';
import { compareSettings } from '../../store/selectors';
import { sliderToThreshold, thresholdToSlider } from '../../store/compare';
import { conditionsOf } from '../../store/compare';
import { NothingSurvives } from './NothingSurvives';
import { FwePanel } from './FwePanel';
import { shownMeasureId } from '../../store/selectors';

const MODES: { id: ThresholdSpec['mode']; label: string }[] = [
  { id: 'p-unc', label: 'p (uncorrected)' },
  { id: 'fdr-q', label: 'FDR q' },
  { id: 'raw', label: 'raw value' },
];

export function ContrastPanel() {
  const { run } = useCommands();
  // A drag of the threshold slider is one undo step (compare.setThreshold is a 'gesture' command).
  const gesture = useGesture();
  const c = useApp(compareSettings);
  const results = useApp((s) => s.compare);
  const study = useApp((s) => s.study);
  const [condA, condB] = useApp((s) => conditionsOf(s).join('\u0000')).split('\u0000');
  const measure = useApp((s) => s.study?.measures.find((m) => m.id === shownMeasureId(s)));
  const group = !!c.groupMap;
  const [first, second] = c.direction === 'A-B' ? [condA, condB] : [condB, condA];
  const stats: { id: Statistic; label: string }[] = [
    { id: 'paired-t', label: study?.design === 'two-group' ? 'Welch t' : 'paired t' },
    { id: 'mean-diff', label: 'mean difference' },
    ...(measure?.kind === 'cbf' ? [{ id: 'percent-change' as Statistic, label: '% change' }] : []),
    { id: 'dz', label: study?.design === 'two-group' ? "Hedges' g" : "Cohen's dz" },
  ];
  const t = c.threshold;
  const setT = (patch: Partial<ThresholdSpec>) => void run('compare.setThreshold', patch);
  const modeButton = (m: (typeof MODES)[number]) => (
    <button key={m.id} className="small" aria-pressed={!c.fwe.on && t.mode === m.id} data-testid={`mode-${m.id}`} onClick={() => { if (c.fwe.on) void run('compare.setFwe', { on: false }); setT({ mode: m.id }); }}>
      {m.label}
    </button>
  );
  return (
    <section className="panel compare-panel" data-testid="contrast-panel">
      <header className="panel-title">
        <h2>Contrast</h2>
        <span className="muted" data-testid="contrast-status">{results.status === 'ready' ? '' : results.status}</span>
      </header>
      {!group && study && (
        <div className="field">
          <span>A − B</span>
          <select aria-label="Condition A" data-testid="condition-a" value={condA} onChange={(e) => void run('compare.setConditions', { a: e.target.value, b: e.target.value === condB ? condA : condB })}>
            {study.conditions.map((x) => <option key={x}>{x}</option>)}
          </select>
          <span className="minus">−</span>
          <select aria-label="Condition B" data-testid="condition-b" value={condB} onChange={(e) => void run('compare.setConditions', { a: e.target.value === condA ? condB : condA, b: e.target.value })}>
            {study.conditions.map((x) => <option key={x}>{x}</option>)}
          </select>
          <button className="small" data-testid="swap" title="Swap A and B (S)" onClick={() => void run('compare.swap')}>Swap</button>
        </div>
      )}
      <div className="contrast-direction" data-testid="contrast-direction">
        {group ? 'Group-level t map' : `${first} − ${second}`}
      </div>
      {!group && (
        <div className="field">
          <span>Statistic</span>
          <select data-testid="statistic" value={c.statistic === 'welch-t' ? 'paired-t' : c.statistic} onChange={(e) => void run('compare.setStatistic', { statistic: e.target.value as Statistic })}>
            {stats.map((s) => <option key={s.id} value={s.id}>{s.label}</option>)}
          </select>
        </div>
      )}
      <div className="field">
        <span>Threshold</span>
        <div className="segmented threshold-modes" role="group" aria-label="Threshold type" data-testid="threshold-modes">
          {/* Two rows: the inference modes (p, FDR, FWE) in reading order, then raw values. */}
          {MODES.filter((m) => m.id !== 'raw').map(modeButton)}
          <button className="small" aria-pressed={c.fwe.on} data-testid="mode-fwe" disabled={group} onClick={() => void run('compare.setFwe', { on: true })}>
            FWE (permutation)
          </button>
          {MODES.filter((m) => m.id === 'raw').map(modeButton)}
        </div>
      </div>
      {c.fwe.on && <FwePanel />}
      <div className="field" hidden={c.fwe.on}>
        <span>{t.mode === 'p-unc' ? 'p <' : t.mode === 'fdr-q' ? 'q <' : '|value| >'}</span>
        <input
          type="range"
          min={0}
          max={1000}
          data-testid="threshold-slider"
          aria-label="Threshold"
          {...gesture}
          value={thresholdToSlider(t.mode, t.value)}
          onChange={(e) => setT({ value: sliderToThreshold(t.mode, Number(e.target.value)) })}
        />
        <input
          className="num"
          data-testid="threshold-value"
          key={`${t.mode}:${t.value}`}
          defaultValue={String(t.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') setT({ value: Number((e.target as HTMLInputElement).value) });
          }}
          onBlur={(e) => setT({ value: Number(e.target.value) })}
        />
      </div>
      <div className="field">
        <span>Sides</span>
        <div className="segmented" role="group" aria-label="Sides">
          <button className="small" aria-pressed={t.sided === 2} data-testid="two-sided" onClick={() => setT({ sided: 2 })}>two-sided</button>
          <button className="small" aria-pressed={t.sided === 1} data-testid="one-sided" onClick={() => setT({ sided: 1 })}>{group ? 'positive only' : `${first} > ${second}`}</button>
        </div>
      </div>
      <div className="field">
        <span>Min extent</span>
        <input className="num" type="number" min={0} data-testid="min-extent" value={t.minExtentVoxels} onChange={(e) => setT({ minExtentVoxels: Number(e.target.value) })} />
        <span className="muted">voxels</span>
      </div>
      <label className="field">
        <input type="checkbox" data-testid="dual-coding" checked={c.dualCoding} onChange={() => void run('compare.toggleDualCoding')} />
        <span>Show below-threshold voxels translucent (D)</span>
      </label>
      <p className="threshold-description" data-testid="threshold-description">
        {results.resolved?.description ?? results.statusText}
      </p>
      <NothingSurvives />
      {results.status !== 'ready' && results.statusText && results.resolved && <p className="muted">{results.statusText}</p>}
    </section>
  );
}
