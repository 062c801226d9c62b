/**
 * A figure's connectome panel drawn by the Connectivity workspace's own scene content
 * (ConnectomeContent: the same tubes, balls, glass brain and lights) at the pixel size the page
 * asks for, on a canvas of its own, from the panel's stored camera. It returns the labelled nodes'
 * centres on the picture; the figure writes their names as text. The app's Figure export and
 * `contrastscope render` (headless Chromium) both come here.
 */
import * as THREE from 'three';
import type { Capture3d, ConnectomeCaptureRequest } from '../../../shared/figure';
import { ConnectomeContent, PAPER_STYLE, SCREEN_STYLE } from './connectomeContent';
import { canvasRgba } from '../figure/canvasPixels';

export async function captureConnectome(req: ConnectomeCaptureRequest): Promise<Capture3d> {
  const { pxW, pxH } = req;
  const [r, g, b] = req.background;
  // A light page gets the paper palette (dark nodes, darker edge ends, a denser shell).
  const paper = 0.299 * r + 0.587 * g + 0.114 * b > 128;
  const canvas = document.createElement('canvas');
  canvas.width = pxW;
  canvas.height = pxH;
  const renderer = new THREE.WebGLRenderer({ canvas, antialias: true, preserveDrawingBuffer: true });
  const content = new ConnectomeContent(paper ? PAPER_STYLE : SCREEN_STYLE);
  try {
    renderer.setPixelRatio(1);
    renderer.setSize(pxW, pxH, false);
    renderer.setClearColor((r << 16) | (g << 8) | b, 1);
    content.setBrain(req.shell);
    content.setGraph(req.nodes, req.edges, req.limit);
    content.placeCamera(req.camera);
    content.setAspect(pxW / pxH);
    // A figure wastes no page on empty margins (the legend says the picture is cropped).
    content.cropToContent();
    renderer.render(content.scene, content.camera);
    const rgba = canvasRgba(canvas, pxW, pxH, '3D connectome');
    return { rgba, pxW, pxH, labels: content.labelAnchors(pxW, pxH) };
  } finally {
    content.dispose();
    renderer.dispose();
    renderer.forceContextLoss();
  }
}
