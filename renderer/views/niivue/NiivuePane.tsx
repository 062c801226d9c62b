/**
 * A view of the scene drawn by one long-lived Niivue instance. It follows the store; user
 * clicks go back through the 'view.setCrosshair' command, never by reading niivue's state.
 */
import { useEffect, useRef } from 'react';
import type { Niivue } from '@niivue/niivue';
import type { Layer } from '../../../shared/scene';
import { actions } from '../../store';
import { getStore, useApp } from '../../store/useApp';
import { useCommands } from '../../app/commandContext';
import { gpuDone, nextFrame } from './gpuDone';
import { createNiivue, followCanvasSize } from './createNiivue';
import { PaneVolumes, syncNiivueView, moveCrosshair } from './reconcile';

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
  const { run } = useCommands();
  const layers = useApp((s) => s.scene.layers);
  const view = useApp((s) => s.scene.view);
  const shown = layerFilter ? layers.filter(layerFilter) : layers;

  useEffect(() => {
    const canvas = canvasRef.current!;
    const nv = createNiivue();
    const store = getStore();
    const vols = new PaneVolumes(nv, (subject, msg) => actions.reportError(store, subject, msg));
    nvRef.current = nv;
    volsRef.current = vols;
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
      syncNiivueView(nv, store.getState().scene.view);
      canvas.dataset.ready = 'true';
      onReady?.(nv);
      if (initial.length > 0) void markFirstFrame(nv);
    });
    return () => {
      alive = false;
      unfollow?.();
      vols.dispose();
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
      syncNiivueView(nv, getStore().getState().scene.view);
      nv.drawScene();
      if (shown.length > 0) void markFirstFrame(nv);
    });
    // `shown` is derived from layers; identity of the layer objects is what changes.
  }, [layers, view.atlasOutline]);

  useEffect(() => {
    const nv = nvRef.current;
    if (!nv || !nv.gl) return;
    syncNiivueView(nv, view);
    moveCrosshair(nv, view.crosshairMm);
    nv.drawScene();
  }, [view]);

  return (
    <div className="pane" data-testid={`pane-${paneId}`}>
      <canvas ref={canvasRef} data-testid="niivue-canvas" />
    </div>
  );
}

/**
 * Tells the app when the GPU has drawn the first picture with the template: the first study load
 * waits for it, since on few cores (software GL above all) the two only slow each other down.
 */
async function markFirstFrame(nv: Niivue): Promise<void> {
  const store = getStore();
  if (store.getState().firstFrame || !nv.gl) return;
  await nextFrame();
  if (nv.gl) await gpuDone(nv.gl as WebGL2RenderingContext);
  store.setState({ firstFrame: true });
}
