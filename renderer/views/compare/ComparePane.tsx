/**
 * One compare pane: a long-lived Niivue with the template underneath and this pane's maps
 * on top (a condition mean, or the thresholded contrast), plus ROI/seed outlines.
 * Threshold changes write the new values into the existing overlay and re-upload it; the
 * volumes are only rebuilt when the measure (grid) changes.
 */
import './compare.css';
import { useEffect, useRef, type ReactNode } from 'react';
import { NVImage, SLICE_TYPE, type Niivue } from '@niivue/niivue';
import { niftiBytes } from '../niivue/niftiBytes';
import { actions } from '../../store';
import { useApp, useAppStore } from '../../context/store';
import { useCommands } from '../../context/commands';
import { useVolumes } from '../../context/volumes';
import { batchVolumeChanges, refreshOverlays } from '../niivue/glUpdates';
import { createNiivue, followCanvasSize } from '../niivue/createNiivue';
import { moveCrosshair } from '../niivue/reconcile';
import { PlaneOutlines } from '../niivue/planeOutlines';
import { colourTable } from '../niivue/atlasLut';
import type { CompareClient } from '../../context/compare';
import { meanWhereShown, SEED_LABEL, type CompareDisplay } from '../../../shared/compare';
import { COMPARE_CLIP_PLANE } from '../../../shared/figure/render';
import { ROI_COLOURS, SEED_COLOUR } from '../../colour/roiColours';
import { compareSettings } from '../../store/selectors';

export type PaneRole = 'a' | 'b' | 'contrast';

const MEAN_OPACITY = 0.6;

const SLICE: Record<string, SLICE_TYPE> = {
  axial: SLICE_TYPE.AXIAL,
  coronal: SLICE_TYPE.CORONAL,
  sagittal: SLICE_TYPE.SAGITTAL,
  multiplanar: SLICE_TYPE.MULTIPLANAR,
  render3d: SLICE_TYPE.RENDER,
};

interface PaneVolumes {
  key: string;
  main: NVImage | null;
  below: NVImage | null;
  roisVersion: Float32Array | null;
  /** what was last uploaded, so a threshold change only re-uploads the contrast pane */
  mainRef: Float32Array | null;
  belowRef: Float32Array | null;
}

/** ROI k in ROI_COLOURS order, the RSFC seed in its own colour (drawn opaque, per plane). */
const ROI_OUTLINE_COLOURS = colourTable(
  [...Array.from({ length: 255 }, (_, n): [number, [number, number, number]] => [n + 1, ROI_COLOURS[n % ROI_COLOURS.length]]).filter(([k]) => k !== SEED_LABEL), [SEED_LABEL, SEED_COLOUR]],
  1,
);

function styleMain(vol: NVImage, role: PaneRole, d: CompareDisplay): void {
  if (role === 'contrast') {
    const top = Math.max(d.statMax, Number.isFinite(d.cut) ? d.cut * 1.5 : 1);
    const cut = Number.isFinite(d.cut) ? d.cut : top;
    vol.colormap = 'warm';
    vol.colormapNegative = 'winter';
    vol.cal_min = cut;
    vol.cal_max = top;
    vol.cal_minNeg = -top;
    vol.cal_maxNeg = -cut;
    vol.opacity = 1;
    return;
  }
  const { min, max, signed } = d.meanRange;
  if (signed) {
    vol.colormap = 'warm';
    vol.colormapNegative = 'winter';
    vol.cal_min = 0.1 * max;
    vol.cal_max = max;
    vol.cal_minNeg = min;
    vol.cal_maxNeg = 0.1 * min;
  } else {
    vol.colormap = 'viridis';
    vol.colormapNegative = '';
    vol.cal_min = Math.max(min, 1e-6);
    vol.cal_max = max;
    vol.cal_minNeg = NaN;
    vol.cal_maxNeg = NaN;
  }
  // Translucent so the template's anatomy shows through the condition mean.
  vol.opacity = MEAN_OPACITY;
}

function styleBelow(vol: NVImage, d: CompareDisplay): void {
  const top = Math.max(d.statMax, 1e-6);
  vol.colormap = 'warm';
  vol.colormapNegative = 'winter';
  vol.cal_min = 1e-6;
  vol.cal_max = top;
  vol.cal_minNeg = -top;
  vol.cal_maxNeg = -1e-6;
  vol.opacity = 0.3;
}

export interface ComparePaneProps {
  role: PaneRole;
  controller: CompareClient;
  title: ReactNode;
  onReady?: (role: PaneRole, nv: Niivue | null) => void;
}

export function ComparePane({ role, controller, title, onReady }: ComparePaneProps) {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const nvRef = useRef<Niivue | null>(null);
  const { run } = useCommands();
  const store = useAppStore();
  const volumes = useVolumes();
  const view = useApp((s) => s.scene.view);
  const paneView = useApp((s) => compareSettings(s).paneView);
  const clip = useApp((s) => compareSettings(s).clip);

  useEffect(() => {
    const canvas = canvasRef.current!;
    const nv = createNiivue();
    nv.opts.multiplanarShowRender = 0;
    const outlines = new PlaneOutlines(nv);
    nvRef.current = nv;
    let alive = true;
    let vols: PaneVolumes | null = null;
    let chain: Promise<void> = Promise.resolve();
    let latest: CompareDisplay | null = null;
    nv.onLocationChange = (loc: unknown) => {
      const mm = (loc as { mm?: ArrayLike<number> }).mm;
      if (!mm) return;
      const r = (v: number) => Math.round(v * 100) / 100;
      void run('view.setCrosshair', { mm: [r(mm[0]), r(mm[1]), r(mm[2])] });
    };

    const mainData = (d: CompareDisplay): Float32Array | null => {
      const mean = role === 'a' ? d.meanA : role === 'b' ? d.meanB : null;
      if (!mean) return d.stat;
      // The volume render shows a mean only where the contrast survives (like the surfaces):
      // an unthresholded mean would fill the whole head with colour.
      return compareSettings(store.getState()).paneView === 'render3d' ? meanWhereShown(mean, d.stat) : mean;
    };

    // niivue's label outline is 3D; the ROI outlines are drawn per plane over its frame.
    function setRois(v: PaneVolumes, d: CompareDisplay): void {
      v.roisVersion = d.roiLabels;
      outlines.set(d.roiLabels ? [{ grid: d.grid, labels: d.roiLabels, colours: ROI_OUTLINE_COLOURS }] : []);
    }

    async function apply(d: CompareDisplay | null): Promise<void> {
      if (!alive) return;
      const t0 = performance.now();
      if (!d) {
        const old = vols;
        if (old && batchVolumeChanges(nv, () => [old.main, old.below].forEach((v) => v && nv.removeVolume(v)))) nv.updateGLVolume();
        vols = null;
        outlines.set([]);
        nv.drawScene();
        return;
      }
      const data = mainData(d);
      const sameKey = !!vols && vols.key === d.key;
      const rebuild = !sameKey;
      if (!vols || !sameKey) {
        // Parse the new volumes first, then swap them in with one rebuild of the pane's textures.
        const below = role === 'contrast' ? await NVImage.loadFromUrl({ url: niftiBytes(d.grid, d.below ?? new Float32Array(d.stat.length)) as unknown as string, name: `${role}-below.nii` }) : null;
        const main = data ? await NVImage.loadFromUrl({ url: niftiBytes(d.grid, clean(data)) as unknown as string, name: `${role}.nii` }) : null;
        if (!alive) return;
        const old = vols;
        vols = { key: d.key, main, below, roisVersion: null, mainRef: data, belowRef: d.below };
        batchVolumeChanges(nv, () => {
          if (old) for (const v of [old.main, old.below]) if (v) nv.removeVolume(v);
          if (below) nv.addVolume(below);
          if (main) nv.addVolume(main);
        });
      } else {
        // A condition pane whose maps did not change needs no re-blend (ROI outlines are drawn over the frame).
        if (vols.mainRef === data && vols.belowRef === d.below && role !== 'contrast') {
          if (vols.roisVersion === d.roiLabels) return;
          setRois(vols, d);
          canvas.dataset.version = String(d.version);
          return;
        }
        if (vols.main && data && vols.mainRef !== data) (vols.main.img as Float32Array).set(role === 'contrast' ? data : clean(data));
        if (vols.below && vols.belowRef !== d.below) (vols.below.img as Float32Array).set(d.below ?? new Float32Array(d.stat.length));
        vols.mainRef = data;
        vols.belowRef = d.below;
      }
      if (vols.main) styleMain(vols.main, role, d);
      if (vols.below) {
        styleBelow(vols.below, d);
        vols.below.opacity = d.below ? 0.3 : 0;
      }
      if (vols.roisVersion !== d.roiLabels) setRois(vols, d);
      // Same contrast, new threshold or colours: only the overlays change.
      if (rebuild) nv.updateGLVolume();
      else refreshOverlays(nv);
      canvas.dataset.version = String(d.version);
      // Main-thread time of this update (GL commands are queued, so the GPU's own time is not in it).
      canvas.dataset.applyMs = (performance.now() - t0).toFixed(1);
    }

    let unfollow: (() => void) | null = null;
    void nv.attachToCanvas(canvas).then(async () => {
      if (!alive) return;
      unfollow = followCanvasSize(nv, canvas);
      const s = store.getState();
      const template = s.templateId ? volumes.get(s.templateId) : undefined;
      if (template) {
        const t = await NVImage.loadFromUrl({ url: template.displayBytes.slice(0) as unknown as string, name: template.displayName, colormap: 'gray' });
        if (!alive) return;
        const layer = s.scene.layers.find((l) => l.id === s.templateId);
        if (layer) {
          t.cal_min = layer.range.min;
          t.cal_max = layer.range.max;
        }
        nv.addVolume(t);
      }
      applyViewState();
      canvas.dataset.ready = 'true';
      onReady?.(role, nv);
      unsub = controller.subscribe((d) => {
        latest = d;
        // Keep updates in order; a burst during a drag collapses to the latest display.
        chain = chain.then(() => (latest === d ? apply(d) : undefined)).catch((e) => actions.reportError(store, 'Compare', e instanceof Error ? e.message : String(e)));
      });
    });
    let unsub: (() => void) | null = null;

    function applyViewState(): void {
      const st = store.getState();
      const sliceType = SLICE[compareSettings(st).paneView] ?? SLICE_TYPE.MULTIPLANAR;
      if (nv.opts.sliceType !== sliceType) nv.setSliceType(sliceType);
      if (nv.opts.isRadiologicalConvention !== st.scene.view.radiological) nv.setRadiologicalConvention(st.scene.view.radiological);
      nv.setClipPlane(compareSettings(st).paneView === 'render3d' && compareSettings(st).clip ? [...COMPARE_CLIP_PLANE] : [2, 0, 0]);
      moveCrosshair(nv, st.scene.view.crosshairMm);
    }
    applyRef.current = applyViewState;
    reapplyRef.current = () => {
      if (latest) chain = chain.then(() => apply(latest));
    };

    return () => {
      alive = false;
      outlines.dispose();
      unfollow?.();
      unsub?.();
      onReady?.(role, null);
      nv.onLocationChange = () => undefined;
      const lose = (canvas.getContext('webgl2') as WebGL2RenderingContext | null)?.getExtension('WEBGL_lose_context');
      lose?.loseContext();
      nvRef.current = null;
    };
    // One instance for the life of the pane.
  }, []);

  const applyRef = useRef<(() => void) | null>(null);
  const reapplyRef = useRef<(() => void) | null>(null);
  useEffect(() => {
    const nv = nvRef.current;
    if (!nv || !nv.gl || !nv.volumes.length) return;
    applyRef.current?.();
    nv.drawScene();
  }, [view, paneView, clip]);
  // Entering or leaving the volume render changes what the condition panes show.
  useEffect(() => {
    if (role !== 'contrast') reapplyRef.current?.();
  }, [paneView === 'render3d']);

  return (
    <div className="pane compare-pane" data-testid={`pane-${role}`}>
      <canvas ref={canvasRef} data-testid="niivue-canvas" />
      <div className="pane-title" data-testid={`pane-title-${role}`} title={String(title ?? '').replace('\n', ' · ')}>
        {String(title ?? '').split('\n').map((line, i) => (
          <span key={i} className="pane-title-line">{line}</span>
        ))}
      </div>
    </div>
  );
}

/** niivue needs finite values. */
function clean(x: Float32Array): Float32Array {
  const out = new Float32Array(x.length);
  for (let i = 0; i < x.length; i++) out[i] = x[i] === x[i] ? x[i] : 0;
  return out;
}
