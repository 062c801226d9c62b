/**
 * The connectivity workspace: a study's ROI × ROI matrices as condition A mean | condition B mean |
 * paired t of A − B (edges below threshold faded), with the table of edges that pass.
 */
import { saveTextFile } from '../panels/saveTextFile';
import { AddToFigure } from '../panels/figure/AddToFigure';
import { useEffect, useMemo, useState } from 'react';
import type { AppStore } from '../store';
import { edgeMatrices, edgePasses, matrixSvg, type ConditionEdges, type EdgeThreshold } from '../../shared/connectivity';
import { toDelimited, type Separator } from '../../shared/csv';
import type { MatrixData } from '../engine/studyData';
import { matrixEdges } from '../engine/studyMatrices';
import { useEngine } from '../context/engine';
import { ConnectomeScene } from '../views/three/ConnectomeScene';
import { useApp } from '../context/store';
import { conditionsOf } from '../store/compare';
import { MatrixHeatmap } from '../views/connectivity/MatrixHeatmap';
import { useCommands } from '../context/commands';
import type { WorkspaceSlots } from './workspaces';
import { ViewsPanel } from '../panels/ViewsPanel';

type Result = ConditionEdges;

function useMatrixResult(): { result: Result | null; error: string | null } {
  const { study: studyData } = useEngine();
  const study = useApp((s) => s.study);
  const [a, b] = useApp((s) => conditionsOf(s).join('\u0000')).split('\u0000');
  // The study's first matrix measure (studies rarely have more than one).
  const measure = (study?.measures ?? []).find((m) => m.kind === 'connectivity-matrix');
  const [data, setData] = useState<{ id: string; data: MatrixData } | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  useEffect(() => {
    if (!measure) return;
    let alive = true;
    setLoadError(null);
    studyData
      .loadMatrices(measure.id)
      .then((d) => alive && setData({ id: measure.id, data: d }))
      .catch((e) => alive && setLoadError(e instanceof Error ? e.message : String(e)));
    return () => {
      alive = false;
    };
  }, [measure, studyData]);
  const r = measure && data && data.id === measure.id && a && b ? matrixEdges(studyData.edgeResults, measure, data.data, a, b) : null;
  if (loadError) return { result: null, error: loadError };
  if (r && 'error' in r) return { result: null, error: r.error };
  return { result: r, error: null };
}

function ConnectivityCenter() {
  const { result, error } = useMatrixResult();
  const { run, ctx } = useCommands();
  const engine = useEngine();
  const threshold = useApp((s) => s.edgeThreshold);
  const view = useApp((s) => s.connectivityView);
  const notice = useApp((s) => (s.study?.simulated ? s.study.notice : null));
  const mats = useMemo(() => (result ? edgeMatrices(result.edges, result.n) : null), [result]);
  // The edges that pass: drawn in 3D, and the cells the heatmap and SVG keep unfaded.
  const passing = useMemo(() => (result ? result.edges.filter((e) => edgePasses(e, threshold)) : []), [result, threshold]);
  const passes = useMemo(() => {
    if (!result) return null;
    const ok = new Uint8Array(result.n * result.n);
    for (const e of passing) ok[e.i * result.n + e.j] = ok[e.j * result.n + e.i] = 1;
    return (i: number, j: number) => ok[i * result.n + j] === 1;
  }, [result, passing]);
  if (error) return <div className="empty-state" data-testid="matrix-error"><p>{error}</p></div>;
  if (!result || !mats) {
    return (
      <div className="empty-state" data-testid="matrix-empty">
        <p>Open a study with ROI × ROI connectivity matrices (for example the demo's <code>*_connectivity.tsv</code> with a <code>nodes.tsv</code>) to compare them here.</p>
      </div>
    );
  }
  const limitOf = (x: Float64Array) => {
    let m = 0;
    for (const v of x) if (Number.isFinite(v)) m = Math.max(m, Math.abs(v));
    return m || 1;
  };
  const meanLimit = Math.max(limitOf(mats.meanA), limitOf(mats.meanB));
  const tLimit = limitOf(mats.t);
  const unit = result.fisher ? 'z (from r)' : 'z';
  const by = threshold.mode === 'fdr-q' ? 'FDR q' : 'p';
  const toggle = (
    <div className="connectivity-views segmented">
      <button className="small" aria-pressed={view === 'matrix'} data-testid="connectivity-view-matrix" onClick={() => void run('connectivity.showMatrices')}>Matrices</button>
      <button className="small" aria-pressed={view === '3d'} data-testid="connectivity-view-3d" onClick={() => void run('connectivity.show3d')}>3D</button>
      <AddToFigure where="connectivity" />
    </div>
  );
  return (
    <div className="matrix-center">
      {notice && <div className="simulated-notice" data-testid="simulated-notice">{notice}</div>}
      {toggle}
      {view === '3d' ? (
        <>
          <ConnectomeScene
            nodes={result.nodes}
            edges={passing}
            limit={tLimit}
            labelA={result.a}
            labelB={result.b}
            caption={`${result.a} − ${result.b}: paired t per edge over ${result.pairs} subjects; edges at ${by} < ${threshold.value}`}
            notice={notice ?? undefined}
            registerCamera={(fn) => engine.setCameraSource('connectome', fn)}
            onExport={ctx.host ? (png) => void saveTextFile(ctx, `connectome_${result.a}-vs-${result.b}.png`, png, 'Export the 3D scene') : undefined}
          />
          <p className="muted matrix-legend">Edges at {by} &lt; {threshold.value}: paired t of {result.a} − {result.b}. Drag to rotate, scroll to zoom; hover a node or edge for its name.</p>
        </>
      ) : (
        <>
          <div className="matrix-grid">
            <MatrixHeatmap
              large
              testId="matrix-contrast"
              title={`${result.a} − ${result.b} · paired t (dof ${result.pairs - 1}); faded: ${threshold.mode === 'fdr-q' ? 'q' : 'p'} ≥ ${threshold.value}`}
              names={result.names}
              values={mats.t}
              limit={tLimit}
              shown={passes ?? undefined}
              unit="t"
            />
            <div className="matrix-means">
              <MatrixHeatmap testId="matrix-a" title={`${result.a} mean (n = ${result.pairs}) · ${unit}`} names={result.names} values={mats.meanA} limit={meanLimit} unit={unit} />
              <MatrixHeatmap testId="matrix-b" title={`${result.b} mean (n = ${result.pairs}) · ${unit}`} names={result.names} values={mats.meanB} limit={meanLimit} unit={unit} />
            </div>
          </div>
          <p className="muted matrix-legend">
            Red: higher under {result.a}; blue: higher under {result.b} (mean panes: positive and negative coupling). Hover a cell for its value.{' '}
            <button
              className="small"
              data-testid="export-matrix-svg"
              onClick={() => {
                const title = `${result.a} − ${result.b}: paired t per edge (dof ${result.pairs - 1}); faded: ${by} ≥ ${threshold.value}`;
                const svg = matrixSvg({ title, names: result.names, values: mats.t, limit: tLimit, unit: 't', shown: passes ?? undefined, notice: notice ?? undefined });
                void saveTextFile(ctx, `matrix_${result.a}-vs-${result.b}_t.svg`, svg, 'Export the matrix as SVG');
              }}
            >
              Export SVG
            </button>
          </p>
        </>
      )}
    </div>
  );
}

function setEdgeThreshold(store: AppStore, t: EdgeThreshold): void {
  store.setState({ edgeThreshold: t });
}

function EdgeTable() {
  const { ctx } = useCommands();
  const { result } = useMatrixResult();
  const threshold = useApp((s) => s.edgeThreshold);
  const notice = useApp((s) => (s.study?.simulated ? s.study.notice : undefined));
  const rows = useMemo(() => (result ? result.edges.filter((e) => edgePasses(e, threshold)).sort((x, y) => Math.abs(y.t) - Math.abs(x.t)) : []), [result, threshold]);
  async function save(sep: Separator) {
    if (!result) return;
    const header = ['node_i', 'node_j', `mean_${result.a}`, `mean_${result.b}`, 't', 'p', 'q', 'n'];
    const body = rows.map((e) => [result.names[e.i], result.names[e.j], e.meanA, e.meanB, e.t, e.p, e.q, e.n]);
    const file = `edges_${result.a}-vs-${result.b}.${sep === ',' ? 'csv' : 'tsv'}`;
    await saveTextFile(ctx, file, toDelimited(header, body, sep, notice), 'Save the edge table');
  }
  return (
    <section className="panel" data-testid="edge-table">
      <header className="panel-title">
        <h2>Edges <span className="muted" data-testid="edge-count">{rows.length}</span></h2>
      </header>
      <div className="field">
        <div className="segmented">
          <button className="small" aria-pressed={threshold.mode === 'fdr-q'} data-testid="edge-mode-fdr" onClick={() => setEdgeThreshold(ctx.store, { mode: 'fdr-q', value: threshold.value })}>FDR q</button>
          <button className="small" aria-pressed={threshold.mode === 'p-unc'} data-testid="edge-mode-p" onClick={() => setEdgeThreshold(ctx.store, { mode: 'p-unc', value: threshold.value })}>p (unc.)</button>
        </div>
        <span>&lt;</span>
        <input
          className="num"
          data-testid="edge-threshold"
          key={threshold.value}
          defaultValue={String(threshold.value)}
          onKeyDown={(e) => {
            const v = Number((e.target as HTMLInputElement).value);
            if (e.key === 'Enter' && v > 0 && v <= 1) setEdgeThreshold(ctx.store, { ...threshold, value: v });
          }}
        />
      </div>
      {result && <p className="muted">Paired t per edge over {result.pairs} subjects, {result.fisher ? 'on Fisher z = atanh(r)' : 'on the z values as given'}; FDR over the {result.edges.length} edges of the upper triangle.</p>}
      <table className="data-table">
        <thead>
          <tr><th>edge</th><th title={`mean ${result?.a ?? 'A'} − mean ${result?.b ?? 'B'}`}>Δ</th><th>t</th><th>q</th></tr>
        </thead>
        <tbody>
          {rows.slice(0, 200).map((e) => (
            <tr key={`${e.i}-${e.j}`} data-testid="edge-row" data-sign={Math.sign(e.t)}>
              <td data-testid="edge-name">{result!.names[e.i]} – {result!.names[e.j]}</td>
              <td title={`${result!.a} ${e.meanA.toFixed(3)}, ${result!.b} ${e.meanB.toFixed(3)}`}>{(e.meanA - e.meanB).toFixed(3)}</td>
              <td data-testid="edge-t">{e.t.toFixed(2)}</td>
              <td>{e.q < 1e-3 ? e.q.toExponential(1) : e.q.toFixed(3)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="panel-actions">
        <button className="small" data-testid="export-edges-csv" disabled={!rows.length} onClick={() => void save(',')}>Export CSV</button>
        <button className="small" data-testid="export-edges-tsv" disabled={!rows.length} onClick={() => void save('\t')}>Export TSV</button>
      </div>
    </section>
  );
}

export function ConnectivityWorkspace(): WorkspaceSlots {
  return {
    center: <ConnectivityCenter />,
    right: (
      <>
        <ViewsPanel />
        <EdgeTable />
      </>
    ),
  };
}
