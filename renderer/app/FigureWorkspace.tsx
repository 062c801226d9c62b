/** The Figure workspace: the page at its true aspect with a mm scale, drawn by shared/figure (the same code as the exports). */
import { useEffect, useState } from 'react';
import type { WorkspaceSlots } from './workspaces';
import { useApp } from '../context/store';
import { activeFigure } from '../commands/figure';
import { previewFigure } from '../engine/figureExport';
import { FigureControls } from '../panels/figure/FigureControls';
import { useCommands } from '../context/commands';
import { useEngine } from '../context/engine';
import { actions } from '../store';

function MmScale({ widthMm, pxPerMm }: { widthMm: number; pxPerMm: number }) {
  const step = widthMm > 120 ? 20 : 10;
  const ticks: number[] = [];
  for (let v = 0; v <= widthMm + 1e-6; v += step) ticks.push(v);
  return (
    <div className="figure-scale" data-testid="figure-scale-mm" style={{ width: widthMm * pxPerMm }}>
      {ticks.map((t) => <span key={t} style={{ left: t * pxPerMm }}>{t}</span>)}
      <span className="unit" style={{ left: widthMm * pxPerMm }}>mm</span>
    </div>
  );
}

function FigurePage() {
  const { ctx } = useCommands();
  const engine = useEngine();
  const fig = useApp(activeFigure);
  const study = useApp((s) => s.study);
  const [url, setUrl] = useState<string | null>(null);
  const [state, setState] = useState<{ busy: boolean; error: string | null; warnings: string[]; heightMm: number }>({ busy: false, error: null, warnings: [], heightMm: 0 });
  useEffect(() => {
    if (!fig) return;
    let live = true;
    setState((s) => ({ ...s, busy: true }));
    // Drawn shortly after the last edit, so typing a width does not redraw at every key.
    const timer = setTimeout(() => {
      previewFigure(ctx.store.getState(), fig, { volumes: engine.volumes, study: engine.study, progress: (p) => actions.setProgress(ctx.store, p) }).then(
        (r) => {
          if (!live) return;
          const u = URL.createObjectURL(new Blob([r.svg], { type: 'image/svg+xml' }));
          setUrl((old) => { if (old) URL.revokeObjectURL(old); return u; });
          setState({ busy: false, error: null, warnings: r.warnings, heightMm: r.heightMm });
        },
        (e: unknown) => live && setState((s) => ({ ...s, busy: false, error: e instanceof Error ? e.message : String(e) })),
      );
    }, 150);
    return () => { live = false; clearTimeout(timer); };
  }, [fig, study, ctx.store]);
  if (!fig) return <div className="empty-state"><p>Use “Add to figure” in Compare or the Viewer to start a figure.</p></div>;
  const pxPerMm = Math.min(4, 760 / fig.page.widthMm);
  return (
    <div className="figure-center">
      <div className="muted" data-testid="figure-size">{fig.name}: {fig.page.widthMm} × {state.heightMm ? state.heightMm.toFixed(1) : '…'} mm at {fig.page.dpi} dpi {state.busy ? '(drawing…)' : ''}</div>
      {state.error && <div className="error" data-testid="figure-error">{state.error}</div>}
      {state.warnings.map((w) => <div key={w} className="warning">{w}</div>)}
      <MmScale widthMm={fig.page.widthMm} pxPerMm={pxPerMm} />
      <div className="figure-page" data-testid="figure-page" style={{ width: fig.page.widthMm * pxPerMm, height: state.heightMm ? state.heightMm * pxPerMm : undefined }}>
        {url && <img alt={`${fig.name} as exported`} src={url} style={{ width: '100%', height: '100%' }} />}
      </div>
    </div>
  );
}

export function FigureWorkspace(): WorkspaceSlots {
  return { left: <FigureControls />, center: <FigurePage /> };
}
