/** Clusters of the current contrast and threshold; a row click moves every pane to its peak. */
import type { ReactNode } from 'react';
import { saveTextFile } from '../saveTextFile';
import { formatTopLabels, rowsToDelimited, type Separator } from '../../../shared/compare';
import { useApp, useAppStore } from '../../context/store';
import { useCommands } from '../../context/commands';
import { ClusterFweCell } from './clusterFwe';
import { ClusterAtlasSelect } from './ClusterAtlasSelect';
import { compareSettings, shownMeasureId } from '../../store/selectors';

const f1 = (x: number) => (Number.isFinite(x) ? x.toFixed(0) : '—');
const f2 = (x: number) => (Number.isFinite(x) ? x.toFixed(2) : '—');
/** Whole mm stay whole; half-voxel positions of 1.5 mm grids keep their .5 instead of rounding away. */
const mm = (v: number) => (Math.abs(v - Math.round(v)) < 0.05 ? String(Math.round(v)) : v.toFixed(1));

/** AAL names wrap after an underscore ("Frontal_Mid_" / "Orb_L"), never inside a part. */
function breakable(label: string): ReactNode[] {
  return label.split('_').flatMap((part, i, all) => (i < all.length - 1 ? [`${part}_`, <wbr key={i} />] : [part]));
}

export function ClusterTable() {
  const { run, ctx } = useCommands();
  const rows = useApp((s) => s.compare.clusters);
  const store = useAppStore();
  const sort = useApp((s) => compareSettings(s).clusterSort);
  const active = useApp((s) => s.compare.activeCluster);
  const ms = useApp((s) => s.compare.clustersMs);
  const statistic = useApp((s) => compareSettings(s).statistic);
  const notice = useApp((s) => (s.study?.simulated ? s.study.notice : undefined));
  const name = useApp((s) => s.study?.measures.find((m) => m.id === shownMeasureId(s))?.label ?? 'contrast');

  async function save(sep: Separator) {
    const perm = store.getState().compare.perm;
    const design = store.getState().study?.design;
    const ran = Boolean(perm.resultKey);
    const notes = [notice, ran ? `Inference: ${perm.caption}` : undefined].filter(Boolean).join('\n') || undefined;
    const text = rowsToDelimited(rows, sep, { notice: notes, statistic, design, fweP: ran ? rows.map((r) => perm.clusterP[r.id]) : undefined });
    const file = `clusters_${name.replace(/[^\w.-]+/g, '_')}.${sep === ',' ? 'csv' : 'tsv'}`;
    await saveTextFile(ctx, file, text, 'Save the cluster table');
  }

  return (
    <section className="panel" data-testid="cluster-table">
      <header className="panel-title">
        <h2>Clusters <span className="muted" data-testid="cluster-count">{rows.length}</span></h2>
        <ClusterAtlasSelect />
        <div className="segmented">
          <button className="small" aria-pressed={sort === 'size'} data-testid="sort-size" onClick={() => void run('compare.sortClusters', { by: 'size' })}>by size</button>
          <button className="small" aria-pressed={sort === 'peak'} data-testid="sort-peak" onClick={() => void run('compare.sortClusters', { by: 'peak' })}>by peak</button>
        </div>
      </header>
      <div className="cluster-scroll">
        {/* Stacked rows: the left column is narrow (290 px on a projector), so nothing is a wide column. */}
        <div className="cluster-head" aria-hidden="true">
          <span>±</span>
          <span>peak</span>
          <span title="peak label; peak MNI x y z (mm); size; labels the cluster covers">label · x y z · size</span>
        </div>
        <ol className="clusters" aria-label="Clusters">
          {rows.map((r, i) => (
            <li
              key={r.id}
              data-testid="cluster-row"
              data-sign={r.sign}
              data-label={r.peakLabel}
              className={`cluster-row${i === active ? ' active' : ''}`}
              title={`Covers: ${formatTopLabels(r.topLabels)}`}
              onClick={() => void run('compare.goToCluster', { index: i })}
            >
              <span className={`cluster-sign ${r.sign > 0 ? 'pos' : 'neg'}`}>{r.sign > 0 ? '+' : '−'}</span>
              <span className="cluster-peak" data-testid="cluster-peak" title="peak statistic">{f2(r.peakStat)}</span>
              <span className="cluster-label" data-testid="cluster-peak-label">{r.peakLabel}</span>
              <span className="cluster-where">
                <span className="mono" title="peak, MNI mm">{r.peakMm.map(mm).join(' ')}</span>
                <span className="dot"> · </span>
                <span data-testid="cluster-size">{r.nVoxels} vox · {f1(r.volumeMm3)} mm³</span>
              </span>
              <ClusterFweCell id={r.id} />
              {r.topLabels.length > 0 && <span className="cluster-covers">{formatTopLabels(r.topLabels.slice(0, 3))}</span>}
              {!!r.subpeaks?.length && (
                // Local maxima ≥ 8 mm from the peak (SPM's rule); a click goes there, not to the peak.
                <ol className="cluster-subpeaks" aria-label="Sub-peaks">
                  {r.subpeaks.slice(0, 3).map((p, n) => (
                    <li
                      key={n}
                      data-testid="cluster-subpeak"
                      data-mm={p.mm.join(' ')}
                      className="cluster-subpeak"
                      title="sub-peak: a local maximum at least 8 mm from the peak"
                      onClick={(e) => {
                        e.stopPropagation();
                        void run('compare.goToCluster', { index: i, subpeak: n });
                      }}
                    >
                      <span className="cluster-subpeak-stat" data-testid="cluster-subpeak-stat">{f2(p.stat)}</span>
                      <span className="mono" data-testid="cluster-subpeak-mm" title="sub-peak, MNI mm">{p.mm.map(mm).join(' ')}</span>
                      <span className="cluster-subpeak-label" data-testid="cluster-subpeak-label">{breakable(p.label)}</span>
                    </li>
                  ))}
                </ol>
              )}
            </li>
          ))}
        </ol>
        {rows.length === 0 && <p className="muted">No cluster survives this threshold.</p>}
      </div>
      <footer className="panel-foot">
        <button className="small" data-testid="export-clusters-csv" disabled={!rows.length} onClick={() => void save(',')}>Export CSV</button>
        <button className="small" data-testid="export-clusters-tsv" disabled={!rows.length} onClick={() => void save('\t')}>Export TSV</button>
        {ms !== null && <span className="muted">{ms} ms · N/Shift+N step</span>}
      </footer>
    </section>
  );
}
