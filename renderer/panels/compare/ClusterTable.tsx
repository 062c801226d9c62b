/** Clusters of the current contrast and threshold; a row click moves every pane to its peak. */
import { formatTopLabels, rowsToDelimited, type Separator } from '../../../shared/compare';
import { useApp } from '../../store/useApp';
import { useCommands } from '../../app/commandContext';
import { actions } from '../../store';

const f1 = (x: number) => (Number.isFinite(x) ? x.toFixed(0) : '—');
const f2 = (x: number) => (Number.isFinite(x) ? x.toFixed(2) : '—');

export function ClusterTable() {
  const { run, ctx } = useCommands();
  const rows = useApp((s) => s.compare.clusters);
  const sort = useApp((s) => s.compare.clusterSort);
  const active = useApp((s) => s.compare.activeCluster);
  const ms = useApp((s) => s.compare.clustersMs);
  const statistic = useApp((s) => s.compare.statistic);
  const notice = useApp((s) => (s.study?.simulated ? s.study.notice : undefined));
  const name = useApp((s) => s.study?.measures.find((m) => m.id === s.activeMeasureId)?.label ?? 'contrast');

  async function save(sep: Separator) {
    const text = rowsToDelimited(rows, sep, { notice, statistic });
    const file = `clusters_${name.replace(/[^\w.-]+/g, '_')}.${sep === ',' ? 'csv' : 'tsv'}`;
    if (!ctx.host) return;
    try {
      await ctx.host.saveFile(file, text, { title: 'Save the cluster table' });
    } catch (e) {
      actions.reportError(ctx.store, file, e instanceof Error ? e.message : String(e));
    }
  }

  return (
    <section className="panel" data-testid="cluster-table">
      <header className="panel-title">
        <h2>Clusters <span className="muted" data-testid="cluster-count">{rows.length}</span></h2>
        <div className="segmented">
          <button className="small" aria-pressed={sort === 'size'} data-testid="sort-size" onClick={() => void run('compare.sortClusters', { by: 'size' })}>by size</button>
          <button className="small" aria-pressed={sort === 'peak'} data-testid="sort-peak" onClick={() => void run('compare.sortClusters', { by: 'peak' })}>by peak</button>
        </div>
      </header>
      <div className="cluster-scroll">
        <table className="clusters">
          <thead>
            <tr>
              <th title="sign of the effect">±</th>
              <th title="voxels / mm³">size</th>
              <th title="peak statistic">peak</th>
              <th title="peak, MNI mm">x, y, z</th>
              <th>peak label</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r, i) => (
              <tr
                key={r.id}
                data-testid="cluster-row"
                data-sign={r.sign}
                data-label={r.peakLabel}
                className={i === active ? 'active' : ''}
                title={`Covers: ${formatTopLabels(r.topLabels)}`}
                onClick={() => void run('compare.goToCluster', { index: i })}
              >
                <td className={r.sign > 0 ? 'pos' : 'neg'}>{r.sign > 0 ? '+' : '−'}</td>
                <td>
                  {r.nVoxels}
                  <div className="sub">{f1(r.volumeMm3)} mm³</div>
                </td>
                <td>{f2(r.peakStat)}</td>
                <td className="mono">{r.peakMm.map((v) => Math.round(v)).join(', ')}</td>
                <td>
                  <span data-testid="cluster-peak-label">{r.peakLabel}</span>
                  <div className="sub">{formatTopLabels(r.topLabels.slice(0, 3))}</div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
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
