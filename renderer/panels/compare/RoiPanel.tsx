/** ROIs: presets, atlas labels, spheres and mask files; per ROI the condition means, paired test, dz and a paired plot. */
import { saveTextFile } from '../saveTextFile';
import { useMemo, useState } from 'react';
import { ROI_PRESETS } from '../../../shared/atlas';
import { roiRows, roiRowsCsv } from '../../../shared/compare';
import { participantRow } from '../../../shared/study';
import { useApp } from '../../context/store';
import { useCommands } from '../../context/commands';
import { useVolumes } from '../../context/volumes';
import { conditionsOf } from '../../store/compare';
import { roiColourCss } from '../../colour/roiColours';
import { RoiPlot } from './RoiPlot';
import { atlasLabels, labelRoi } from './atlasLabels';
import { compareSettings, shownMeasureId } from '../../store/selectors';

const g = (x: number, d = 3) => (Number.isFinite(x) ? Number(x.toPrecision(d)).toString() : '—');
const fp = (p: number) => (!Number.isFinite(p) ? '—' : p < 0.001 ? p.toExponential(1) : p.toFixed(3));

export function RoiPanel() {
  const { run, ctx } = useCommands();
  const volumes = useVolumes();
  const rois = useApp((s) => compareSettings(s).rois);
  const results = useApp((s) => s.compare.roiResults);
  const direction = useApp((s) => compareSettings(s).direction);
  const colourBy = useApp((s) => compareSettings(s).colourBy);
  const group = useApp((s) => !!compareSettings(s).groupMap);
  const study = useApp((s) => s.study);
  const layers = useApp((s) => s.scene.layers);
  const measure = useApp((s) => s.study?.measures.find((m) => m.id === shownMeasureId(s)));
  const [condA, condB] = useApp((s) => conditionsOf(s).join('\u0000')).split('\u0000');
  const [first, second] = direction === 'A-B' ? [condA, condB] : [condB, condA];
  const [search, setSearch] = useState('');
  const [radius, setRadius] = useState(6);
  const bundledAtlas = useApp((s) => s.atlasId);
  const labels = useMemo(() => atlasLabels(volumes, layers, bundledAtlas), [volumes, layers, bundledAtlas]);
  const matches = search.length >= 2 ? labels.filter((e) => e.name.toLowerCase().includes(search.toLowerCase())).slice(0, 8) : [];
  const masks = layers.filter((l) => l.kind !== 'template' && l.kind !== 'atlas');
  const covariates = study?.participants?.columns.slice(1) ?? [];
  const subjects = useApp((s) => s.compare.subjects);

  // The worker sends values as condition A and B; the panel shows them in the contrast's direction.
  const ordered = (a: number[], b: number[]) => (direction === 'A-B' ? { a, b } : { a: b, b: a });

  async function exportCsv() {
    const perRoi = results.filter((r) => r.a.length).map((r) => ({ roi: rois.find((x) => x.id === r.roi)?.name ?? r.roi, ...ordered(r.a, r.b) }));
    const rows = roiRows(subjects, [first, second], perRoi);
    const cov: Record<string, Record<string, string>> = {};
    for (const s of subjects) {
      const row = participantRow(study?.participants, s);
      if (row) cov[s] = Object.fromEntries(covariates.map((c) => [c, row[c] ?? '']));
    }
    const text = roiRowsCsv(rows, { notice: study?.simulated ? study.notice : undefined, covariates: cov });
    const file = `roi_values_${(measure?.label ?? 'measure').replace(/[^\w.-]+/g, '_')}.csv`;
    await saveTextFile(ctx, file, text, 'Save ROI values');
  }

  return (
    <section className="panel" data-testid="roi-panel">
      <header className="panel-title">
        <h2>Regions of interest</h2>
        {rois.length > 0 && <button className="small" onClick={() => void run('compare.clearRois')}>Clear</button>}
      </header>
      <div className="preset-grid" role="group" aria-label="ROI presets">
        {(['amygdala', 'hippocampus', 'prefrontal'] as const).map((structure) => (
          <div key={structure} className="preset-row">
            <span className="preset-name">{structure === 'prefrontal' ? 'PFC' : structure[0].toUpperCase() + structure.slice(1)}</span>
            {ROI_PRESETS.filter((p) => p.structure === structure).map((p) => (
              <button key={p.id} className="small" data-testid={`roi-preset-${p.id}`} aria-pressed={rois.some((r) => r.id === p.id)} title={p.title} onClick={() => void run(`compare.roi.${p.id}`)}>
                {p.side === 'bilateral' ? 'L+R' : p.side}
              </button>
            ))}
          </div>
        ))}
      </div>
      <div className="field">
        <input data-testid="roi-label-search" placeholder="Find an atlas label…" value={search} onChange={(e) => setSearch(e.target.value)} />
      </div>
      {matches.length > 0 && (
        <ul className="label-matches">
          {matches.map((e) => (
            <li key={e.key}>
              <button className="small" data-testid="roi-label-match" data-atlas={e.atlasName} title={`${e.name} in ${e.atlasName}`} onClick={() => { void run('compare.addRoi', labelRoi(e)); setSearch(''); }}>
                {e.name}{e.atlasId && <span className="muted"> · {e.atlasName}</span>}
              </button>
            </li>
          ))}
        </ul>
      )}
      <div className="field sphere-row">
        <button className="small" data-testid="roi-sphere" onClick={() => void run('compare.sphereAtCrosshair', { radiusMm: radius })}>Sphere at crosshair</button>
        <input className="num" type="number" min={1} max={50} value={radius} aria-label="Sphere radius (mm)" onChange={(e) => setRadius(Number(e.target.value))} />
        <span className="muted">mm</span>
      </div>
      {masks.length > 0 && (
        <div className="field">
          <span>Mask</span>
          <select data-testid="roi-mask" value="" onChange={(e) => { const l = masks.find((m) => m.id === e.target.value); if (l) void run('compare.addRoi', { id: `mask:${l.id}`, name: l.name, source: { type: 'mask', layerId: l.id } }); }}>
            <option value="">open map as mask…</option>
            {masks.map((l) => <option key={l.id} value={l.id}>{l.name}</option>)}
          </select>
        </div>
      )}
      {!group && covariates.length > 0 && (
        <div className="field">
          <span>Colour by</span>
          <select data-testid="roi-colour-by" value={colourBy ?? ''} onChange={(e) => void run('compare.colourBy', { column: e.target.value || null })}>
            <option value="">none</option>
            {covariates.map((c) => <option key={c}>{c}</option>)}
          </select>
        </div>
      )}
      <ul className="roi-list">
        {rois.map((r, k) => {
          const res = results.find((x) => x.roi === r.id);
          const s = res?.summary;
          return (
            <li key={r.id} className="roi-item" data-testid="roi-result" data-roi={r.id}>
              <div className="roi-head">
                <i className="swatch" style={{ borderColor: roiColourCss(k) }} />
                <strong>{r.name}</strong>
                <button className="small" aria-label={`Remove ${r.name}`} onClick={() => void run('compare.removeRoi', { id: r.id })}>×</button>
              </div>
              {!res && <p className="muted">computing…</p>}
              {res?.group && (
                <p data-testid="roi-group-values">
                  mean t <b data-testid="roi-group-mean-value">{g(res.group.mean)}</b> ± {g(res.group.sd)} over {res.group.n} voxels
                </p>
              )}
              {s && (
                <>
                  <table className="roi-stats">
                    <tbody>
                      <tr><th>{first}</th><td>{g(s.meanA)} ± {g(s.sdA)}</td></tr>
                      <tr><th>{second}</th><td>{g(s.meanB)} ± {g(s.sdB)}</td></tr>
                      <tr><th>difference</th><td data-testid="roi-diff">{g(s.meanDiff)} {measure?.units}</td></tr>
                      <tr><th>paired t</th><td><span data-testid="roi-t">{g(s.t)}</span> (dof {s.dof}), p = <span data-testid="roi-p">{fp(s.p)}</span></td></tr>
                      {res?.signFlip && <tr><th>sign-flip</th><td>p = <span data-testid="roi-signflip-p" data-p={res.signFlip.p}>{fp(res.signFlip.p)}</span> <span className="muted">({res.signFlip.exact ? `exact, all ${res.signFlip.n} flips` : `${res.signFlip.n} flips`})</span></td></tr>}
                      <tr><th>dz</th><td><span data-testid="roi-dz">{g(s.dz, 2)}</span> [95% CI {g(s.dzLow, 2)}, {g(s.dzHigh, 2)}], n = <span data-testid="roi-n">{s.n}</span></td></tr>
                    </tbody>
                  </table>
                  <RoiPlot roi={r.id} subjects={subjects} a={ordered(res.a, res.b).a} b={ordered(res.a, res.b).b} labelA={first} labelB={second} units={measure?.units ?? ''} participants={study?.participants} colourBy={colourBy} />
                </>
              )}
            </li>
          );
        })}
      </ul>
      {!group && results.some((r) => r.a.length) && (
        <button className="small" data-testid="export-roi-csv" onClick={() => void exportCsv()}>Export per-subject values (CSV)</button>
      )}
    </section>
  );
}
