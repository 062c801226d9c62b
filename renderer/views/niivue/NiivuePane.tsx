/**
 * A view of the scene drawn by one long-lived Niivue instance. It follows the store; user
 * clicks go back through the 'view.setCrosshair' command, never by reading niivue's state.
 */
import { useEffect, useRef } from 'react';
import type { Niivue } from '@niivue/niivue';
import type { Layer } from '../../../shared/scene';
import { actions } from '../../store';
import { useApp, useAppStore } from '../../context/store';
import { useVolumes } from '../../context/volumes';
import type { AppStore } from '../../store';
import { useCommands } from '../../context/commands';
import { gpuDone, nextFrame } from './gpuDone';
import { createNiivue, followCanvasSize } from './createNiivue';
import { PaneVolumes, syncNiivueView, moveCrosshair } from './reconcile';
import { PlaneOutlines, type OutlineSource } from './planeOutlines';
import { atlasOutlineColours } from './atlasLut';
import type { VolumeCache } from '../../context/volumes';

export interface NiivuePaneProps {
  paneId: string;
  /** Which scene layers this pane draws (default: all). */
  layerFilter?: (l: Layer) => boolean;
  /** Called once the instance exists (linking panes with broadcastTo, export snapshots). */
  onReady?: (nv: Niivue | null) => void;
}

export function NiivuePane({ paneId, layerFilter, onReady }: NiivuePaneProps) {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const nvRef = useRef<Niivue | null>(null);
  const volsRef = useRef<PaneVolumes | null>(null);
  const outlinesRef = useRef<PlaneOutlines | null>(null);
  const { run } = useCommands();
  const store = useAppStore();
  const volumes = useVolumes();
  const layers = useApp((s) => s.scene.layers);
  const view = useApp((s) => s.scene.view);
  const shown = layerFilter ? layers.filter(layerFilter) : layers;

  useEffect(() => {
    const canvas = canvasRef.current!;
    const nv = createNiivue();
    const vols = new PaneVolumes(nv, volumes, (subject, msg) => actions.reportError(store, subject, msg));
    const outlines = new PlaneOutlines(nv);
    nvRef.current = nv;
    volsRef.current = vols;
    outlinesRef.current = outlines;
    nv.onLocationChange = (loc: unknown) => {
      const mm = (loc as { mm?: ArrayLike<number> }).mm;
      if (!mm) return;
      const r = (v: number) => Math.round(v * 100) / 100;
      void run('view.setCrosshair', { mm: [r(mm[0]), r(mm[1]), r(mm[2])] });
    };
    let alive = true;
    let unfollow: (() => void) | null = null;
    void nv.attachToCanvas(canvas).then(async () => {
      if (!alive) return;
      unfollow = followCanvasSize(nv, canvas);
      const s = store.getState();
      const initial = layerFilter ? s.scene.layers.filter(layerFilter) : s.scene.layers;
      await vols.setLayers(initial, s.scene.view.atlasOutline);
      outlines.set(atlasOutlines(volumes, initial));
      syncNiivueView(nv, store.getState().scene.view);
      canvas.dataset.ready = 'true';
      onReady?.(nv);
      if (initial.length > 0) void markFirstFrame(store, nv);
    });
    return () => {
      alive = false;
      unfollow?.();
      vols.dispose();
      outlines.dispose();
      onReady?.(null);
      nv.onLocationChange = () => undefined;
      // Free the WebGL context now rather than waiting for garbage collection.
      const lose = (canvas.getContext('webgl2') as WebGL2RenderingContext | null)?.getExtension('WEBGL_lose_context');
      lose?.loseContext();
      nvRef.current = null;
    };
    // One instance for the life of the pane.
  }, []);

  useEffect(() => {
    const nv = nvRef.current;
    const vols = volsRef.current;
    if (!nv || !vols || !nv.gl) return;
    void vols.setLayers(shown, view.atlasOutline).then(() => {
      outlinesRef.current?.set(atlasOutlines(volumes, shown));
      syncNiivueView(nv, store.getState().scene.view);
      nv.drawScene();
      if (shown.length > 0) void markFirstFrame(store, nv);
    });
    // `shown` is derived from layers; identity of the layer objects is what changes.
  }, [layers, view.atlasOutline]);

  useEffect(() => {
    const nv = nvRef.current;
    if (!nv || !nv.gl) return;
    syncNiivueView(nv, view);
    volsRef.current?.syncAtlasOutline();
    moveCrosshair(nv, view.crosshairMm);
    nv.drawScene();
  }, [view]);

  return (
    <div className="pane" data-testid={`pane-${paneId}`}>
      <canvas ref={canvasRef} data-testid="niivue-canvas" />
    </div>
  );
}

/** The per-plane outline of each shown atlas layer (the bundled one or one the user opened, on its own grid), at the layer's opacity. */
function atlasOutlines(volumeCache: VolumeCache, layers: Layer[]): OutlineSource[] {
  return layers
    .filter((l) => l.kind === 'atlas' && l.visible && l.opacity > 0)
    .flatMap((l) => {
      const atlas = volumeCache.atlasFor(l.id) ?? volumeCache.atlas();
      return atlas ? [{ grid: atlas.grid, labels: atlas.data, colours: atlasOutlineColours(atlas.table, l.opacity) }] : [];
    });
}

/**
 * Tells the app when the GPU has drawn the first picture with the template: the first study load
 * waits for it, since on few cores (software GL above all) the two only slow each other down.
 */
async function markFirstFrame(store: AppStore, nv: Niivue): Promise<void> {
  if (store.getState().firstFrame || !nv.gl) return;
  await nextFrame();
  if (nv.gl) await gpuDone(nv.gl as WebGL2RenderingContext);
  store.setState({ firstFrame: true });
}
