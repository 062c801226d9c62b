/**
 * Volume-render panels: their size on the page and the request a capture gets. The pixels come
 * from niivue's own ray caster (renderer/views/niivue/renderCapture.ts), with the same colours
 * and cuts as the panel's slices; the view names and camera go into the legend.
 */
import type { RenderCaptureRequest } from './capture3d';
import type { OverlayColours } from './colormaps';
import type { RenderCamera, RenderPanel } from './schema';
import type { Volume } from './volume';

/**
 * Named views (niivue's azimuth/elevation, checked on pictures: azimuth 90 looks at the left
 * hemisphere, 180 at the face, elevation 90 from above with the nose up): offered in the panel
 * settings, named in the legend.
 */
export const RENDER_VIEWS: { id: string; label: string; camera: Omit<RenderCamera, 'zoom'> }[] = [
  { id: 'left', label: 'left lateral', camera: { azimuth: 90, elevation: 0 } },
  { id: 'right', label: 'right lateral', camera: { azimuth: 270, elevation: 0 } },
  { id: 'anterior', label: 'anterior', camera: { azimuth: 180, elevation: 0 } },
  { id: 'posterior', label: 'posterior', camera: { azimuth: 0, elevation: 0 } },
  { id: 'superior', label: 'superior', camera: { azimuth: 0, elevation: 90 } },
  { id: 'inferior', label: 'inferior', camera: { azimuth: 180, elevation: -90 } },
];

/** Compare's 3D clip plane (niivue's [depth, azimuth, elevation]): the near half cut away. */
export const COMPARE_CLIP_PLANE: readonly [number, number, number] = [0.05, 270, 0];

const wrap360 = (a: number): number => ((a % 360) + 360) % 360;

/** The named view a camera shows (within 1°), or null for an oblique one. */
export function renderViewName(c: RenderCamera): string | null {
  for (const v of RENDER_VIEWS) {
    const el = Math.abs(c.elevation - v.camera.elevation) <= 1;
    // Straight up or down, the azimuth only turns the picture.
    if (el && (Math.abs(v.camera.elevation) === 90 || Math.min(wrap360(c.azimuth - v.camera.azimuth), wrap360(v.camera.azimuth - c.azimuth)) <= 1)) return v.label;
  }
  return null;
}

export function renderCameraText(c: RenderCamera): string {
  const name = renderViewName(c);
  return `${name ? `${name} view, ` : ''}azimuth ${Math.round(wrap360(c.azimuth))}°, elevation ${Math.round(c.elevation)}°, zoom ${Number(c.zoom.toFixed(2))}`;
}

/** Height of the picture (points) in a box `widthPt` wide. */
export const renderHeight = (p: RenderPanel, widthPt: number): number => widthPt * p.aspect;

/** What the panel draws, from its brain content (the panel's slices' overlays). */
export function renderRequest(
  p: RenderPanel,
  overlays: { volume: Volume; colours: OverlayColours; opacity: number }[],
  templateFile: string,
  templateRange: { min: number; max: number },
  pxW: number,
  pxH: number,
  background: [number, number, number],
): RenderCaptureRequest {
  return { kind: 'render', pxW, pxH, background, templateFile, templateRange, overlays, camera: { ...p.camera }, clipPlane: p.clipPlane ? [...p.clipPlane] : null };
}
