import { useCallback, useEffect, useRef } from 'react';
import type { Niivue } from '@niivue/niivue';
import { NiivuePane } from '../views/niivue/NiivuePane';
import { drawNow } from '../views/niivue/createNiivue';
import { renderCameraOf } from '../views/niivue/renderCamera';
import { canvasPng, composeFigure, crosshairCaption } from '../views/figure/composeFigure';
import { layerColorbar } from '../colour/ramp';
import { useAppStore } from '../context/store';
import type { AppStore } from '../store';
import { useEngine } from '../context/engine';
import type { Snapshot } from '../commands';

/** The viewer's single pane; it is also what File > Export saves. */
export function MainPane() {
  const engine = useEngine();
  const store = useAppStore();
  const unregister = useRef<(() => void) | null>(null);
  const onReady = useCallback(
    (nv: Niivue | null) => {
      unregister.current?.();
      if (!nv) {
        unregister.current = null;
        return;
      }
      // File > Export saves the pane; Add to figure keeps its 3D camera.
      const offs = [engine.setSnapshotSource(() => snapshot(store, nv)), engine.setCameraSource('render', () => renderCameraOf(nv))];
      unregister.current = () => offs.forEach((off) => off());
    },
    [engine, store],
  );
  useEffect(() => () => unregister.current?.(), []);
  return <NiivuePane paneId="main" onReady={onReady} />;
}

async function snapshot(store: AppStore, nv: Niivue): Promise<Snapshot | null> {
  const canvas = nv.canvas;
  if (!canvas) return null;
  const { scene } = store.getState();
  const shown = scene.layers.filter((l) => l.visible);
  const overlays = shown.filter((l) => l.kind === 'stat' || l.kind === 'map');
  const under = shown.filter((l) => l.kind === 'template' || l.kind === 'atlas').map((l) => l.name);
  // Read the pixels in the same task as the draw; the WebGL buffer is cleared after compositing.
  drawNow(nv);
  const figure = composeFigure({
    heading: overlays.length ? overlays.map((l) => l.name).join(' · ') : (under[0] ?? 'ContrastScope'),
    panels: [{ canvas, title: [] }],
    colorbars: overlays.map(layerColorbar),
    lines: [crosshairCaption(scene.view), ...(under.length ? [`On ${under.join(' with ')}`] : [])],
    notice: null,
    background: '#0f1217',
  });
  return { png: await canvasPng(figure), fileName: 'contrastscope-view.png' };
}
