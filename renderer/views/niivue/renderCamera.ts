/** Where niivue's 3D render camera is (and its clip plane), for "Add to figure" to keep. */
import type { Niivue } from '@niivue/niivue';
import type { ViewCameras } from '../../commands/types';

const round = (v: number, k = 10) => Math.round(v * k) / k;

export function renderCameraOf(nv: Niivue): ViewCameras['render'] {
  const sc = nv.scene;
  // niivue keeps a clip plane at depth 2 (or more) when there is none.
  const clip = sc.clipPlaneDepthAziElevs?.[0];
  const clipPlane: [number, number, number] | null = clip && clip[0] < 1.8 ? [round(clip[0], 1000), round(clip[1]), round(clip[2])] : null;
  const azimuth = ((round(sc.renderAzimuth) % 360) + 360) % 360;
  return { camera: { azimuth, elevation: Math.max(-90, Math.min(90, round(sc.renderElevation))), zoom: Math.max(0.25, Math.min(8, round(sc.volScaleMultiplier, 100))) }, clipPlane };
}
