import { DRAG_MODE, Niivue } from '@niivue/niivue';

/** One long-lived instance per pane: Chromium keeps only ~16 WebGL contexts. */
export function createNiivue(): Niivue {
  const nv = new Niivue({
    backColor: [0.06, 0.07, 0.09, 1],
    crosshairColor: [0.2, 0.85, 1, 0.9],
    fontColor: [0.95, 0.95, 0.95, 1],
    fontMinPx: 18,
    show3Dcrosshair: true,
    isOrientationTextVisible: true,
    // The L/R marker is always drawn: both sides, not only the left edge.
    showAllOrientationMarkers: true,
    isColorbar: false,
    dragAndDropEnabled: false,
    dragMode: DRAG_MODE.pan,
    loadingText: '',
    multiplanarShowRender: 2, // auto: a 3D tile when there is room
    multiplanarPadPixels: 6,
    // niivue's own hot keys would bypass the command registry.
    viewModeHotKey: '',
    clipPlaneHotKey: '',
    cycleClipPlaneHotKey: '',
    logLevel: 'warn',
  });
  coalesceDraws(nv);
  return nv;
}

const immediateDraw = new WeakMap<Niivue, () => void>();
const afterDraw = new WeakMap<Niivue, Set<() => void>>();

/** Runs `fn` right after each frame niivue draws (same task: it may draw into the same canvas). */
export function onDrawn(nv: Niivue, fn: () => void): () => void {
  let set = afterDraw.get(nv);
  if (!set) afterDraw.set(nv, (set = new Set()));
  set.add(fn);
  return () => void set.delete(fn);
}

/**
 * niivue redraws whenever anything changes (each volume added, the crosshair moved, a resize, our
 * own view updates), often several times in one task, and every call renders all tiles including
 * the 3D ray cast. WebGL queues the work, so the GPU renders each of those frames although only
 * the last is shown: on start-up three full frames at once, with software GL seconds of both
 * cores that a study load then competes with. Here every request in a frame becomes one draw at
 * the next animation frame (niivue's internal calls included, since they go through the instance).
 */
function coalesceDraws(nv: Niivue): void {
  const real = nv.drawScene.bind(nv);
  let frame = 0;
  const now = () => {
    if (frame) cancelAnimationFrame(frame);
    frame = 0;
    real();
    for (const fn of afterDraw.get(nv) ?? []) fn();
  };
  immediateDraw.set(nv, now);
  nv.drawScene = () => {
    frame ||= requestAnimationFrame(now);
    return undefined;
  };
}

/** Draws now, in this task: for reading the canvas's pixels (exports) right after. */
export function drawNow(nv: Niivue): void {
  const now = immediateDraw.get(nv);
  if (now) now();
  else nv.drawScene();
}

/**
 * niivue sizes its canvas's pixels when the window or the canvas's parent resizes, but not when
 * only the canvas's own box changes (the compare panes' title strip, panels opening beside it):
 * the picture is then stretched to a box of another shape. Follow the canvas's own box too.
 */
export function followCanvasSize(nv: Niivue, canvas: HTMLCanvasElement): () => void {
  if (typeof ResizeObserver === 'undefined') return () => undefined;
  const ro = new ResizeObserver(() => {
    if (nv.gl) nv.resizeListener();
  });
  ro.observe(canvas);
  return () => ro.disconnect();
}
