/** The 3D connectivity scene as a React view: one long-lived three.js view per mount. */
import { useEffect, useRef, useState } from 'react';
import { brainShellMesh } from './brainShellClient';
import { useVolumes } from '../../context/volumes';
import type { ConnectomeCamera } from '../../../shared/figure/schema';
import { ConnectomeView, type SceneEdge, type SceneNode, type ViewPreset } from './connectomeView';

export interface ConnectomeSceneProps {
  nodes: SceneNode[];
  /** The edges to draw (those that pass the threshold). */
  edges: SceneEdge[];
  /** |t| drawn thickest and most saturated. */
  limit: number;
  labelA: string;
  labelB: string;
  /** What the edges are (threshold, contrast): printed under the exported picture. */
  caption: string;
  /** e.g. the simulated-data notice, also printed under the exported picture */
  notice?: string;
  /** A PNG of the scene as drawn, with its labels and a legend, for export. */
  onExport?: (png: Uint8Array) => void;
  /**
   * Registers where the camera is (read when the user adds the scene to a figure); returns the
   * unregistering. The workspace passes the engine's setCameraSource (views do not import the engine).
   */
  registerCamera?: (fn: () => ConnectomeCamera) => () => void;
}

const VIEWS: { id: ViewPreset; label: string }[] = [
  { id: 'top', label: 'Top' },
  { id: 'left', label: 'Left' },
  { id: 'right', label: 'Right' },
  { id: 'front', label: 'Front' },
];

export function ConnectomeScene({ nodes, edges, limit, labelA, labelB, caption, notice, onExport, registerCamera }: ConnectomeSceneProps) {
  const atlas = useVolumes().atlas();
  const boxRef = useRef<HTMLDivElement>(null);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const labelRef = useRef<HTMLDivElement>(null);
  const viewRef = useRef<ConnectomeView | null>(null);
  const [brain, setBrain] = useState<'loading' | 'shown' | 'none'>('loading');
  const [hover, setHover] = useState<string | null>(null);

  useEffect(() => {
    const canvas = canvasRef.current!;
    const view = new ConnectomeView(canvas, labelRef.current!);
    viewRef.current = view;
    view.onDraw = () => {
      canvas.dataset.version = String(view.version);
    };
    const box = boxRef.current!;
    const resize = () => view.setSize(box.clientWidth, box.clientHeight);
    const observer = new ResizeObserver(resize);
    observer.observe(box);
    resize();
    const offCamera = registerCamera?.(() => view.cameraState());
    let alive = true;
    void brainShellMesh(atlas).then((mesh) => {
      if (!alive) return;
      view.setBrain(mesh);
      setBrain(mesh ? 'shown' : 'none');
    });
    return () => {
      alive = false;
      offCamera?.();
      observer.disconnect();
      view.dispose();
      viewRef.current = null;
    };
  }, []);

  useEffect(() => {
    viewRef.current?.setGraph(nodes, edges, limit);
  }, [nodes, edges, limit]);

  function pick(e: React.PointerEvent<HTMLCanvasElement>) {
    const view = viewRef.current;
    if (!view || e.buttons) return;
    const r = e.currentTarget.getBoundingClientRect();
    const hit = view.pick((e.clientX - r.left) / r.width, (e.clientY - r.top) / r.height);
    if (!hit) return setHover(null);
    if ('node' in hit) {
      const n = nodes[hit.node];
      setHover(`${n.name} (${n.x.toFixed(0)}, ${n.y.toFixed(0)}, ${n.z.toFixed(0)} mm)`);
    } else {
      setHover(`${nodes[hit.edge.i].name} – ${nodes[hit.edge.j].name}: t = ${hit.edge.t.toFixed(2)}`);
    }
  }

  const legend = `${edges.length} edge${edges.length === 1 ? '' : 's'} · warm: higher under ${labelA}, cool: higher under ${labelB} · thicker = larger |t| (up to ${limit.toFixed(1)})`;

  /** The WebGL picture plus what sits over it in HTML (node labels), and a legend band underneath. */
  async function exportPng() {
    const canvas = canvasRef.current;
    const view = viewRef.current;
    if (!canvas || !view || !onExport || !canvas.clientWidth) return;
    view.draw();
    const scale = canvas.width / canvas.clientWidth;
    const lines = [caption, legend, ...(notice ? [notice] : [])];
    const band = Math.round((10 + 18 * lines.length) * scale);
    const out = document.createElement('canvas');
    out.width = canvas.width;
    out.height = canvas.height + band;
    const g = out.getContext('2d');
    if (!g) return;
    g.fillStyle = '#000000';
    g.fillRect(0, 0, out.width, out.height);
    g.drawImage(canvas, 0, 0);
    const origin = canvas.getBoundingClientRect();
    g.font = `${13 * scale}px system-ui, sans-serif`;
    g.textBaseline = 'middle';
    g.textAlign = 'center';
    g.fillStyle = '#f2f2f2';
    g.shadowColor = '#000000';
    g.shadowBlur = 3 * scale;
    for (const el of labelRef.current?.querySelectorAll<HTMLElement>('.connectome-label') ?? []) {
      if (el.style.display === 'none') continue;
      const r = el.getBoundingClientRect();
      g.fillText(el.textContent ?? '', (r.left + r.width / 2 - origin.left) * scale, (r.top + r.height / 2 - origin.top) * scale);
    }
    g.shadowBlur = 0;
    g.textAlign = 'left';
    lines.forEach((line, k) => {
      g.fillStyle = k === 2 ? '#f0b45a' : '#d8dce4';
      g.fillText(line, 10 * scale, canvas.height + (14 + 18 * k) * scale);
    });
    const blob = await new Promise<Blob | null>((resolve) => out.toBlob(resolve, 'image/png'));
    if (blob) onExport(new Uint8Array(await blob.arrayBuffer()));
  }

  const placed = nodes.filter((n) => Number.isFinite(n.x) && Number.isFinite(n.y) && Number.isFinite(n.z)).length;
  return (
    <div className="connectome" data-testid="connectome-3d">
      <div className="connectome-bar">
        <div className="segmented">
          {VIEWS.map((v) => (
            <button key={v.id} className="small" data-testid={`connectome-view-${v.id}`} onClick={() => viewRef.current?.setView(v.id)}>{v.label}</button>
          ))}
        </div>
        <span className="muted" data-testid="connectome-summary">
          {legend}
          {brain === 'none' ? ' · no atlas for the glass brain' : ''}
        </span>
        {onExport && <button className="small" data-testid="connectome-export" onClick={() => void exportPng()}>Export PNG</button>}
      </div>
      {placed < nodes.length && <p className="muted" data-testid="connectome-unplaced">{nodes.length - placed} of {nodes.length} nodes have no MNI coordinates in the node table and are not drawn.</p>}
      <div className="connectome-box" ref={boxRef}>
        <canvas ref={canvasRef} data-testid="connectome-canvas" data-brain={brain} onPointerMove={pick} onPointerLeave={() => setHover(null)} />
        <div className="connectome-labels" ref={labelRef} />
        {hover && <div className="connectome-hover" data-testid="connectome-hover">{hover}</div>}
      </div>
    </div>
  );
}
