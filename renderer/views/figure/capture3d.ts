/**
 * A figure's 3D panel drawn by the app's own 3D view for its kind, at the pixel size the page
 * asks for: the app's Figure workspace and `contrastscope render` (headless Chromium on
 * capture.html) both come here. Each view's code loads on first use.
 */
import type { Capture3d, Capture3dRequest } from '../../../shared/figure';

export async function capture3d(req: Capture3dRequest): Promise<Capture3d> {
  switch (req.kind) {
    case 'surface':
      return (await import('../three/surfaceCapture')).captureSurface(req);
    case 'render':
      return (await import('../niivue/renderCapture')).captureRender(req);
    case 'connectome':
      return (await import('../three/connectomeCapture')).captureConnectome(req);
  }
}
