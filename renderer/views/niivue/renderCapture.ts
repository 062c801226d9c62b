/**
 * A figure's volume-render panel drawn by niivue's own ray caster (the renderer of the app's 3D
 * views) at the pixel size the page asks for, on a canvas that is never on screen: the template
 * in grey, the panel's maps over it in their colours and cuts, from the stored camera. The app's
 * Figure export and `contrastscope render` (headless Chromium) both come here.
 *
 * One niivue with the template loaded is kept between captures (a figure has several renders,
 * and loading a 1 mm template is most of a capture's time), and let go after a quiet while so it
 * does not hold a WebGL context.
 */
import { NVImage, Niivue, SLICE_TYPE } from '@niivue/niivue';
import type { Capture3d, RenderCaptureRequest } from '../../../shared/figure';
import { niftiBytes } from './niftiBytes';
import { canvasRgba } from '../figure/canvasPixels';

interface Stage {
  nv: Niivue;
  canvas: HTMLCanvasElement;
  holder: HTMLDivElement;
  template: NVImage;
  overlays: NVImage[];
}

const IDLE_MS = 20_000;
let stage: { file: string; ready: Promise<Stage> } | null = null;
let idle = 0;
/** captures run one at a time on the one stage */
let queue: Promise<unknown> = Promise.resolve();

/** niivue needs finite values; a side with no cut (null threshold) is left out, as the slices do. */
function shownValues(data: Float32Array, showPos: boolean, showNeg: boolean): Float32Array {
  const out = new Float32Array(data.length);
  for (let i = 0; i < out.length; i++) {
    const v = data[i];
    out[i] = v !== v ? 0 : v > 0 ? (showPos ? v : 0) : showNeg ? v : 0;
  }
  return out;
}

async function makeStage(file: string): Promise<Stage> {
  const canvas = document.createElement('canvas');
  // niivue styles the canvas's parent: a holder out of sight.
  const holder = document.createElement('div');
  holder.style.cssText = 'position:fixed;left:-20000px;top:0;overflow:hidden;pointer-events:none';
  holder.appendChild(canvas);
  document.body.appendChild(holder);
  // Nothing but the brain: no crosshair, orientation letters, colorbar or loading text (the
  // figure names the view in its legend and draws its own colorbar).
  const nv = new Niivue({
    isResizeCanvas: false,
    // (niivue warns about a forced pixel ratio unless it is off)
    forceDevicePixelRatio: -1,
    show3Dcrosshair: false,
    crosshairWidth: 0,
    isOrientationTextVisible: false,
    isColorbar: false,
    loadingText: '',
    dragAndDropEnabled: false,
    isAntiAlias: true,
    // niivue tints the clipped region with the plane's colour (pink by default): none in a figure
    clipPlaneColor: [0, 0, 0, 0],
    logLevel: 'warn',
  });
  try {
    await nv.attachToCanvas(canvas);
    const url = new URL(`./${file}`, location.href).href;
    const r = await fetch(url);
    if (!r.ok) throw new Error(`${file}: the bundled template is missing (HTTP ${r.status})`);
    const template = await NVImage.loadFromUrl({ url: (await r.arrayBuffer()) as unknown as string, name: file, colormap: 'gray' });
    nv.addVolume(template);
    nv.setSliceType(SLICE_TYPE.RENDER);
    return { nv, canvas, holder, template, overlays: [] };
  } catch (e) {
    holder.remove();
    throw e;
  }
}

function release(): void {
  const s = stage;
  stage = null;
  void s?.ready.then((st) => {
    (st.nv.gl as WebGL2RenderingContext | null)?.getExtension('WEBGL_lose_context')?.loseContext();
    st.holder.remove();
  }, () => undefined);
}

async function draw(req: RenderCaptureRequest): Promise<Capture3d> {
  if (!stage || stage.file !== req.templateFile) {
    release();
    const ready = makeStage(req.templateFile);
    stage = { file: req.templateFile, ready };
    ready.catch(() => {
      if (stage?.ready === ready) stage = null;
    });
  }
  const st = await stage.ready;
  const { nv, canvas } = st;
  const { pxW, pxH } = req;
  canvas.width = pxW;
  canvas.height = pxH;
  st.holder.style.width = `${pxW}px`;
  st.holder.style.height = `${pxH}px`;
  nv.opts.backColor = [...req.background.map((c) => c / 255), 1] as [number, number, number, number];
  st.template.cal_min = req.templateRange.min;
  st.template.cal_max = req.templateRange.max;
  for (const o of st.overlays) nv.removeVolume(o);
  st.overlays = [];
  for (const [k, o] of req.overlays.entries()) {
    const c = o.colours;
    const showPos = Number.isFinite(c.pos);
    const showNeg = c.negMap !== null && c.neg !== null;
    const vol = await NVImage.loadFromUrl({ url: niftiBytes(o.volume.grid, shownValues(o.volume.data, showPos, showNeg)) as unknown as string, name: `overlay-${k}.nii` });
    vol.colormap = c.posMap;
    vol.cal_min = showPos ? c.pos : c.max;
    vol.cal_max = c.max;
    if (showNeg) {
      vol.colormapNegative = c.negMap!;
      vol.cal_minNeg = c.min;
      vol.cal_maxNeg = c.neg!;
    } else vol.colormapNegative = '';
    vol.opacity = o.opacity;
    nv.addVolume(vol);
    st.overlays.push(vol);
  }
  nv.setClipPlane(req.clipPlane ?? [2, 0, 0]);
  nv.setRenderAzimuthElevation(req.camera.azimuth, req.camera.elevation);
  nv.volScaleMultiplier = req.camera.zoom;
  nv.updateGLVolume();
  nv.gl.viewport(0, 0, pxW, pxH);
  // The drawing buffer is not preserved: read it in the same task as the draw.
  nv.drawScene();
  return { rgba: canvasRgba(canvas, pxW, pxH, '3D render'), pxW, pxH };
}

export function captureRender(req: RenderCaptureRequest): Promise<Capture3d> {
  const run = queue.then(() => draw(req));
  queue = run.catch(() => undefined);
  return run.finally(() => {
    clearTimeout(idle);
    idle = window.setTimeout(release, IDLE_MS);
  });
}
