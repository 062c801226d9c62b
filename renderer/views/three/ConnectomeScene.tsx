/** The 3D connectivity scene as a React view: one long-lived three.js view per mount. */
import { useEffect, useRef, useState } from 'react';
import { brainShellMesh } from './brainShellClient';
import { ConnectomeView, type SceneEdge, type SceneNode, type ViewPreset } from './connectomeView';

export interface ConnectomeSceneProps {
  nodes: SceneNode[];
  /** The edges to draw (those that pass the threshold). */
  edges: SceneEdge[];
  /** |t| drawn thickest and most saturated. */
  limit: number;
  labelA: string;
  labelB: string;
  /** A PNG of the scene as drawn, for export. */
  onExport?: (png: Uint8Array) => void;
}

const VIEWS: { id: ViewPreset; label: string }[] = [
  { id: 'top', label: 'Top' },
  { id: 'left', label: 'Left' },
  { id: 'right', label: 'Right' },
  { id: 'front', label: 'Front' },
];

export function ConnectomeScene({ nodes, edges, limit, labelA, labelB, onExport }: ConnectomeSceneProps) {
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
    let alive = true;
    void brainShellMesh().then((mesh) => {
      if (!alive) return;
      view.setBrain(mesh);
      setBrain(mesh ? 'shown' : 'none');
    });
    return () => {
      alive = false;
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

  async function exportPng() {
    const canvas = canvasRef.current;
    const view = viewRef.current;
    if (!canvas || !view || !onExport) return;
    view.draw();
    const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'));
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
          {edges.length} edge{edges.length === 1 ? '' : 's'} · warm: higher under {labelA}, cool: higher under {labelB} · thicker = larger |t|
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
