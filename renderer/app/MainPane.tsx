import { useCallback } from 'react';
import type { Niivue } from '@niivue/niivue';
import { NiivuePane } from '../views/niivue/NiivuePane';
import { drawNow } from '../views/niivue/createNiivue';
import { useEngine } from './engineContext';

/** The viewer's single pane; it is also what File > Export saves. */
export function MainPane() {
  const engine = useEngine();
  const onReady = useCallback(
    (nv: Niivue | null) => {
      engine.setSnapshotSource(nv ? () => snapshot(nv) : null);
    },
    [engine],
  );
  return <NiivuePane paneId="main" onReady={onReady} />;
}

async function snapshot(nv: Niivue): Promise<Uint8Array | null> {
  const canvas = nv.canvas;
  if (!canvas) return null;
  // Read the pixels in the same task as the draw; the WebGL buffer is cleared after compositing.
  drawNow(nv);
  const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'));
  return blob ? new Uint8Array(await blob.arrayBuffer()) : null;
}
