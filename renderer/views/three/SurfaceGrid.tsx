/**
 * Compare in 3D: a grid of cortical surface views (rows MDMA | placebo | contrast, or the
 * contrast alone; columns left lateral, left medial, right medial, right lateral, or one
 * dorsal/ventral/anterior/posterior view), all drawn by one WebGL renderer and one linked camera.
 * Hover names the AAL region and the value; a click sets the crosshair through the store.
 */
import './surfaceGrid.css';
import { useEffect, useRef, useState } from 'react';
import { labelAtMm } from '../../../shared/atlas';
import { useCommands } from '../../context/commands';
import { useVolumes } from '../../context/volumes';
import { useCompareClient } from '../../context/compare';
import { useApp } from '../../context/store';
import type { CompareDisplay } from '../../../shared/compare';
import { cortexMeshes } from './cortexClient';
import { colourVertices, paintState, type PaintState } from './surfaceColours';
import { clusterMeshes, projectDisplay, roiMeshes, type Projected, type RowId } from './surfaceData';
import { SurfaceScene, VIEWS, type Hemi, type SurfaceViewId, type ViewRect } from './surfaceScene';
import { registerSurfaceGrid } from './surfaceExport';
import { compareSettings } from '../../store/selectors';

import type { SurfacePreset } from '../../../shared/scene';
export type { SurfacePreset };
const COLUMNS: Record<SurfacePreset, SurfaceViewId[]> = {
  four: ['left-lateral', 'left-medial', 'right-medial', 'right-lateral'],
  dorsal: ['dorsal'],
  ventral: ['ventral'],
  anterior: ['anterior'],
  posterior: ['posterior'],
};

export interface SurfaceGridProps {
  titles: Record<RowId, string>;
}

interface Hover {
  x: number;
  y: number;
  text: string;
}

export function SurfaceGrid({ titles }: SurfaceGridProps) {
  const { run } = useCommands();
  const volumes = useVolumes();
  const controller = useCompareClient();
  const layout = useApp((s) => compareSettings(s).layout);
  const group = useApp((s) => compareSettings(s).groupMap);
  const statistic = useApp((s) => compareSettings(s).statistic);
  const direction = useApp((s) => compareSettings(s).direction);
  const sided = useApp((s) => compareSettings(s).threshold.sided);
  const rois = useApp((s) => compareSettings(s).rois);
  const roiResults = useApp((s) => s.compare.roiResults);
  // The preset is a Compare setting (saved views keep it).
  const preset = useApp((s) => compareSettings(s).surfacePreset);
  const [glass, setGlass] = useState(false);
  const [status, setStatus] = useState('Building the cortical surfaces…');
  const [hover, setHover] = useState<Hover | null>(null);
  const [legend, setLegend] = useState<{ name: string; dz: number | null }[]>([]);
  const rows: RowId[] = layout === 'row' && !group ? ['a', 'b', 'contrast'] : ['contrast'];
  const columns = COLUMNS[preset];
  const gridRef = useRef<HTMLDivElement>(null);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const sceneRef = useRef<SurfaceScene | null>(null);
  const displayRef = useRef<CompareDisplay | null>(null);
  const projRef = useRef<Projected | null>(null);
  const frame = useRef(0);
  const paints = useRef(new Map<string, PaintState>());
  const settle = useRef<ReturnType<typeof setTimeout> | null>(null);
  const live = useRef({ rows, columns, sided, statistic, direction, rois, roiResults, glass });
  live.current = { rows, columns, sided, statistic, direction, rois, roiResults, glass };

  /** Rectangles of the views, in CSS pixels of the canvas. */
  const rects = (): ViewRect[] => {
    const grid = gridRef.current;
    const canvas = canvasRef.current;
    if (!grid || !canvas) return [];
    const base = canvas.getBoundingClientRect();
    return [...grid.querySelectorAll<HTMLElement>('[data-testid="surface-view"]')].map((el) => {
      const r = el.getBoundingClientRect();
      return { row: el.dataset.row!, view: el.dataset.view as SurfaceViewId, x: Math.round(r.left - base.left), y: Math.round(r.top - base.top), w: Math.round(r.width), h: Math.round(r.height) };
    });
  };

  const draw = () => {
    cancelAnimationFrame(frame.current);
    frame.current = requestAnimationFrame(() => {
      const sc = sceneRef.current;
      const canvas = canvasRef.current;
      if (!sc || !canvas) return;
      const t0 = performance.now();
      const w = canvas.clientWidth;
      const h = canvas.clientHeight;
      // While the camera moves: half the pixels each way as well as the coarse triangles (software
      // GL is bound by both); the full picture comes back when it rests.
      const ratio = sc.moving ? devicePixelRatio / 2 : devicePixelRatio;
      if (canvas.width !== Math.round(w * ratio) || canvas.height !== Math.round(h * ratio)) {
        sc.renderer.setPixelRatio(ratio);
        sc.renderer.setSize(w, h, false);
      }
      sc.render(rects(), w, h);
      gridRef.current!.dataset.frameMs = (performance.now() - t0).toFixed(1);
      gridRef.current!.dataset.coarse = String(sc.moving);
      // Upload the rows' coarse triangle lists after a full picture is up, before any drag needs them.
      if (!sc.moving && sc.coarseCold) {
        setTimeout(() => {
          if (sceneRef.current !== sc || sc.moving) return;
          const t1 = performance.now();
          if (sc.warmCoarse() > 0) gridRef.current!.dataset.warmMs = (performance.now() - t1).toFixed(0);
        }, 300);
      }
      gridRef.current!.dataset.frames = String(Number(gridRef.current!.dataset.frames ?? 0) + 1);
    });
  };

  /**
   * Vertex colours of every row from the projected maps and the current threshold. No projection
   * and no geometry here: a threshold drag rewrites only the vertices at or above the old or the
   * new cut (surfaceColours keeps the vertices by |statistic|) and flags the colour attributes.
   */
  const recolour = () => {
    const sc = sceneRef.current;
    const d = displayRef.current;
    const pr = projRef.current;
    if (!sc) return;
    const t0 = performance.now();
    const L = live.current;
    let written = 0;
    for (const row of L.rows) {
      for (const hemi of ['left', 'right'] as Hemi[]) {
        const buf = sc.colourBuffer(row, hemi);
        const cortex = sc.cortex[hemi];
        const key = `${row}|${hemi}`;
        let st = paints.current.get(key);
        if (!st) paints.current.set(key, (st = paintState()));
        const values = !d || !pr ? undefined : row === 'a' ? pr.meanA?.[hemi] : row === 'b' ? pr.meanB?.[hemi] : pr.stat[hemi];
        if (!d || !pr || !values) {
          written += colourVertices(null, cortex, buf, st);
          continue;
        }
        const top = Math.max(d.statMax, Number.isFinite(d.cut) ? d.cut * 1.5 : 1);
        written += colourVertices({ kind: row === 'contrast' ? 'stat' : 'mean', values, stat: pr.stat[hemi], cut: d.cut, top, twoSided: L.sided === 2, meanRange: d.meanRange }, cortex, buf, st);
      }
      sc.coloursChanged(row);
    }
    gridRef.current!.dataset.recolourMs = (performance.now() - t0).toFixed(1);
    gridRef.current!.dataset.recolourVertices = String(written);
    gridRef.current!.dataset.recolours = String(Number(gridRef.current!.dataset.recolours ?? 0) + 1);
    if (d) gridRef.current!.dataset.version = String(d.version);
    draw();
  };

  /** While the camera moves the coarse triangle lists are drawn; the full ones once it rests. */
  const moving = (untilPointerUp: boolean) => {
    const sc = sceneRef.current;
    if (!sc) return;
    sc.moving = true;
    if (settle.current) clearTimeout(settle.current);
    // A drag rests at pointer-up; the wheel has no end event, so 250 ms without a turn.
    settle.current = untilPointerUp ? null : setTimeout(() => rest(), 250);
  };
  const rest = () => {
    if (settle.current) clearTimeout(settle.current);
    settle.current = null;
    if (sceneRef.current?.moving) {
      sceneRef.current.moving = false;
      draw();
    }
  };

  const extrasTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const rebuildExtras = () => {
    if (extrasTimer.current) clearTimeout(extrasTimer.current);
    // After a drag settles: the isosurfaces are geometry, the cortex colours are not.
    extrasTimer.current = setTimeout(() => {
      const sc = sceneRef.current;
      const d = displayRef.current;
      if (!sc || !d) return;
      const L = live.current;
      const roi = roiMeshes(d, L.rois, L.roiResults);
      sc.setExtras([...clusterMeshes(d), ...roi]);
      setLegend(roi.map((r) => ({ name: r.name, dz: r.dz })));
      draw();
    }, 200);
  };

  useEffect(() => {
    let alive = true;
    let unsub: (() => void) | null = null;
    void cortexMeshes()
      .then((cortex) => {
        if (!alive || !canvasRef.current) return;
        const sc = new SurfaceScene(canvasRef.current, cortex);
        sceneRef.current = sc;
        sc.setGlass(live.current.glass);
        gridRef.current!.dataset.buildMs = cortex.buildMs.toFixed(0);
        gridRef.current!.dataset.cached = String(!!cortex.cached);
        gridRef.current!.dataset.readyMs = (cortex.readyMs ?? 0).toFixed(0);
        gridRef.current!.dataset.vertices = String(cortex.left.positions.length / 3 + cortex.right.positions.length / 3);
        setStatus('');
        unsub = controller.subscribe((d) => {
          displayRef.current = d;
          const L = live.current;
          const key = d ? `${d.key}|${L.statistic}|${L.direction}` : '';
          if (d && projRef.current?.key !== key) {
            projRef.current = projectDisplay(cortex, d, controller.maps(), L.statistic, key);
            gridRef.current!.dataset.projectMs = projRef.current.ms.toFixed(1);
            // The budget is per map onto both hemispheres.
            gridRef.current!.dataset.projectMapMs = (projRef.current.ms / projRef.current.maps).toFixed(1);
            gridRef.current!.dataset.projections = String(Number(gridRef.current!.dataset.projections ?? 0) + 1);
          }
          if (!d) projRef.current = null;
          recolour();
          rebuildExtras();
        });
        gridRef.current!.dataset.ready = 'true';
      })
      .catch((e: unknown) => setStatus(e instanceof Error ? e.message : String(e)));
    const ro = new ResizeObserver(() => draw());
    if (gridRef.current) ro.observe(gridRef.current);
    return () => {
      alive = false;
      unsub?.();
      ro.disconnect();
      cancelAnimationFrame(frame.current);
      if (settle.current) clearTimeout(settle.current);
      paints.current.clear();
      sceneRef.current?.dispose();
      sceneRef.current = null;
    };
  }, []);

  useEffect(() => registerSurfaceGrid(() => ({ scene: sceneRef.current, rows: live.current.rows, columns: live.current.columns, titles, redraw: draw })), [titles]);

  useEffect(() => {
    sceneRef.current?.setGlass(glass);
    recolour();
  }, [rows.join(), columns.join(), sided, glass]);
  useEffect(() => rebuildExtras(), [rois, roiResults]);

  // Linked orbit: a drag in any view turns every view; a click without a drag sets the crosshair.
  const drag = useRef<{ x: number; y: number; yaw: number; pitch: number; moved: boolean } | null>(null);
  // By position, not event target: with the pointer captured, events come from the grid itself.
  const viewAt = (e: React.PointerEvent<HTMLElement>): { rect: ViewRect; px: number; py: number } | null => {
    const canvas = canvasRef.current;
    if (!canvas) return null;
    const base = canvas.getBoundingClientRect();
    const x = e.clientX - base.left;
    const y = e.clientY - base.top;
    const rect = rects().find((r) => x >= r.x && x < r.x + r.w && y >= r.y && y < r.y + r.h);
    return rect ? { rect, px: x - rect.x, py: y - rect.y } : null;
  };
  const hit = (e: React.PointerEvent<HTMLElement>) => {
    const at = viewAt(e);
    const sc = sceneRef.current;
    if (!at || !sc) return null;
    const p = sc.pick(at.rect, at.px, at.py);
    return p ? { ...p, row: at.rect.row as RowId } : null;
  };
  const onPointerDown = (e: React.PointerEvent<HTMLElement>) => {
    const o = sceneRef.current?.orbit;
    if (!o) return;
    drag.current = { x: e.clientX, y: e.clientY, yaw: o.yaw, pitch: o.pitch, moved: false };
    try {
      (e.currentTarget as HTMLElement).setPointerCapture?.(e.pointerId);
    } catch {
      // A pointer the browser no longer knows (e.g. already released): the drag still works inside the grid.
    }
  };
  const onPointerMove = (e: React.PointerEvent<HTMLElement>) => {
    const sc = sceneRef.current;
    if (!sc) return;
    const dr = drag.current;
    if (dr) {
      const dx = e.clientX - dr.x;
      const dy = e.clientY - dr.y;
      if (Math.abs(dx) + Math.abs(dy) > 3) dr.moved = true;
      if (dr.moved) {
        sc.orbit.yaw = dr.yaw + dx * 0.01;
        sc.orbit.pitch = Math.max(-1.5, Math.min(1.5, dr.pitch + dy * 0.01));
        moving(true);
        setHover(null);
        draw();
        return;
      }
    }
    const p = hit(e);
    if (!p) {
      setHover(null);
      return;
    }
    setHover({ x: e.clientX, y: e.clientY, text: describe(p.row, p.hemi, p.vertex, p.point) });
  };
  const onPointerUp = (e: React.PointerEvent<HTMLElement>) => {
    const dr = drag.current;
    drag.current = null;
    if (dr?.moved) return rest();
    const p = hit(e);
    if (!p) return;
    const mm = inward(p.hemi, p.vertex, p.point);
    const r = (v: number) => Math.round(v * 100) / 100;
    void run('view.setCrosshair', { mm: [r(mm[0]), r(mm[1]), r(mm[2])] });
  };
  const onWheel = (e: React.WheelEvent) => {
    const sc = sceneRef.current;
    if (!sc) return;
    sc.orbit.zoom = Math.max(0.5, Math.min(4, sc.orbit.zoom * (e.deltaY < 0 ? 1.1 : 1 / 1.1)));
    moving(false);
    draw();
  };

  /** A point 1.5 mm inside the surface (in the cortical ribbon) under a hit. */
  const inward = (hemi: Hemi, vertex: number, point: { x: number; y: number; z: number }): [number, number, number] => {
    const n = sceneRef.current!.cortex[hemi].normals;
    return [point.x - 1.5 * n[3 * vertex], point.y - 1.5 * n[3 * vertex + 1], point.z - 1.5 * n[3 * vertex + 2]];
  };
  const describe = (row: RowId, hemi: Hemi, vertex: number, point: { x: number; y: number; z: number }): string => {
    const atlas = volumes.atlas();
    const n = sceneRef.current!.cortex[hemi].normals;
    let name = '';
    // The region along the normal, from the surface inwards (the surface itself may sit on CSF).
    for (let dMm = 0; atlas && !name && dMm <= 4; dMm += 1) {
      const at = labelAtMm(atlas, [point.x - dMm * n[3 * vertex], point.y - dMm * n[3 * vertex + 1], point.z - dMm * n[3 * vertex + 2]]);
      if (at) name = at.name;
    }
    const pr = projRef.current;
    const vals = row === 'a' ? pr?.meanA?.[hemi] : row === 'b' ? pr?.meanB?.[hemi] : pr?.stat[hemi];
    const v = vals?.[vertex];
    const value = v === undefined || v !== v ? '—' : v.toFixed(2);
    const mm = `(${point.x.toFixed(0)}, ${point.y.toFixed(0)}, ${point.z.toFixed(0)})`;
    return `${name || 'no AAL label'} · ${value} · ${mm}`;
  };

  const rowTitle = (r: RowId) => String(titles[r] ?? '').replace('\n', ' · ');
  return (
    <div className="surface-wrap">
      <div className="toolbar surface-toolbar">
        <label className="field">
          <span>Views</span>
          <select data-testid="surface-preset" value={preset} onChange={(e) => void run('compare.setSurfacePreset', { preset: e.target.value })}>
            <option value="four">lateral and medial</option>
            <option value="dorsal">dorsal</option>
            <option value="ventral">ventral</option>
            <option value="anterior">anterior</option>
            <option value="posterior">posterior</option>
          </select>
        </label>
        <label className="field" title="A translucent cortex shows the ROIs (coloured by effect) and the suprathreshold clusters inside"><input type="checkbox" data-testid="surface-glass" checked={glass} onChange={() => setGlass(!glass)} /> see-through cortex</label>
        <button className="small" data-testid="surface-reset" onClick={() => { if (sceneRef.current) { sceneRef.current.orbit = { yaw: 0, pitch: 0, zoom: 1 }; draw(); } }}>Reset camera</button>
        {status && <span className="muted" data-testid="surface-status">{status}</span>}
      </div>
      <div
        className="surface-grid"
        data-testid="surface-grid"
        ref={gridRef}
        style={{ gridTemplateColumns: `repeat(${columns.length}, 1fr)`, gridTemplateRows: `repeat(${rows.length}, 1fr)` }}
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={onPointerUp}
        onPointerLeave={() => setHover(null)}
        onWheel={onWheel}
      >
        <canvas ref={canvasRef} className="surface-canvas" data-testid="surface-canvas" />
        {rows.map((row) =>
          columns.map((view, k) => (
            <div key={`${row}-${view}`} className="surface-view" data-testid="surface-view" data-row={row} data-view={view}>
              {k === 0 && <span className="surface-row-title">{rowTitle(row)}</span>}
              <span className="surface-view-label">{VIEWS[view].label}</span>
            </div>
          )),
        )}
        {hover && <div className="surface-hover" data-testid="surface-hover" style={{ left: hover.x + 14, top: hover.y + 10 }}>{hover.text}</div>}
      </div>
      {glass && legend.length > 0 && (
        <div className="surface-legend" data-testid="surface-legend">
          <span>ROI effect (dz)</span>
          <span className="surface-legend-ramp" />
          <span>−1.5 … 0 … +1.5</span>
          {legend.map((l) => <span key={l.name} className="muted">{l.name}: {l.dz === null ? '—' : l.dz.toFixed(2)}</span>)}
        </div>
      )}
    </div>
  );
}
