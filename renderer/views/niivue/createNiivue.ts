import { DRAG_MODE, Niivue } from '@niivue/niivue';

/** One long-lived instance per pane: Chromium keeps only ~16 WebGL contexts. */
export function createNiivue(): Niivue {
  return new Niivue({
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
}
