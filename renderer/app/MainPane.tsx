import { useCallback, useEffect, useRef } from 'react';
import type { Niivue } from '@niivue/niivue';
import { NiivuePane } from '../views/niivue/NiivuePane';
import { drawNow } from '../views/niivue/createNiivue';
import { useEngine } from './engineContext';
import type { Snapshot } from '../commands';

/** The viewer's single pane; it is also what File > Export saves. */
export function MainPane() {
  const engine = useEngine();
  const unregister = useRef<(() => void) | null>(null);
  const onReady = useCallback(
    (nv: Niivue | null) => {
      unregister.current?.();
      unregister.current = nv ? engine.setSnapshotSource(() => snapshot(nv)) : null;
    },
    [engine],
  );
  useEffect(() => () => unregister.current?.(), []);
  return <NiivuePane paneId="main" onReady={onReady} />;
}

async function snapshot(nv: Niivue): Promise<Snapshot | null> {
  const canvas = nv.canvas;
  if (!canvas) return null;
  // Read the pixels in the same task as the draw; the WebGL buffer is cleared after compositing.
  drawNow(nv);
  const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'));
  return blob ? { png: new Uint8Array(await blob.arrayBuffer()), fileName: 'contrastscope-view.png' } : null;
}
