/**
 * A figure's 3D surface panel drawn by the surface grid's own scene (SurfaceScene, the same
 * meshes, projection and vertex colours as Compare's surface view) at the pixel size the page
 * asks for, from the panel's stored request: the app's Figure export and `contrastscope render`
 * (which runs this page in headless Chromium) make the picture the same way.
 */
import type { Capture3d, SurfaceCaptureRequest } from '../../../shared/figure';
import { projectToSurface } from '../../../shared/mesh';
import { cortexMeshes } from './cortexClient';
import { colourVertices } from './surfaceColours';
import { SurfaceScene, type Hemi, type ViewRect } from './surfaceScene';
import { canvasRgba } from '../figure/canvasPixels';

const HEMIS: Hemi[] = ['left', 'right'];

export async function captureSurface(req: SurfaceCaptureRequest): Promise<Capture3d> {
  const cortex = await cortexMeshes();
  const { pxW, pxH, views, rows, gapPx } = req;
  const canvas = document.createElement('canvas');
  canvas.width = pxW;
  canvas.height = pxH;
  const sc = new SurfaceScene(canvas, cortex);
  try {
    sc.background = (req.background[0] << 16) | (req.background[1] << 8) | req.background[2];
    sc.orbit = { ...req.camera };
    sc.renderer.setPixelRatio(1);
    sc.renderer.setSize(pxW, pxH, false);
    const stat = { left: projectToSurface(cortex.left.positions, cortex.left.normals, req.stat.grid, req.stat.data), right: projectToSurface(cortex.right.positions, cortex.right.normals, req.stat.grid, req.stat.data) };
    const cellW = Math.floor(pxW / views.length);
    const cellH = Math.floor((pxH - gapPx * (rows.length - 1)) / rows.length);
    const rects: ViewRect[] = [];
    rows.forEach((row, i) => {
      const id = `r${i}`;
      for (const hemi of HEMIS) {
        const values = row.kind === 'stat' ? stat[hemi] : projectToSurface(cortex[hemi].positions, cortex[hemi].normals, row.volume.grid, row.volume.data);
        colourVertices({ kind: row.kind, values, stat: stat[hemi], cut: req.cut, top: req.top, twoSided: req.twoSided, meanRange: req.meanRange }, cortex[hemi], sc.colourBuffer(id, hemi));
      }
      sc.coloursChanged(id);
      views.forEach((view, k) => rects.push({ row: id, view, x: k * cellW, y: i * (cellH + gapPx), w: cellW, h: cellH }));
    });
    sc.render(rects, pxW, pxH);
    const rgba = canvasRgba(canvas, pxW, pxH, '3D surfaces');
    return { rgba, pxW, pxH };
  } finally {
    sc.dispose();
    sc.renderer.forceContextLoss();
  }
}
