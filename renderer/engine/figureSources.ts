/**
 * The app's side of the figure pipeline: the open study's maps (the study cache), the Viewer's
 * layers (the volume cache), the bundled brain-extracted template and the atlas. The drawing
 * itself is shared/figure, the same code `contrastscope render` runs.
 */
import { DEMO_SEED } from '../../shared/study';
import type { FigureSources, StudyRef } from '../../shared/figure';
import { readNifti, frameOf } from '../../shared/nifti';
import { initRaster } from '../../shared/figure/raster';
import type { AppState, Progress } from '../store';
import type { StudyData } from './studyData';
import type { VolumeCache } from './volumeCache';
import { runFwe, storedFwe } from './comparePermutation';

/** Where the app's figure sources read voxels and study data from (the engine's). */
export interface FigureData {
  volumes: VolumeCache;
  study: StudyData;
  /** the app's progress bar, for a figure's permutation run */
  progress?: (p: Progress | null) => void;
}
import wasmUrl from '@resvg/resvg-wasm/index_bg.wasm?url';
import regularUrl from 'dejavu-fonts-ttf/ttf/DejaVuSans.ttf?url';
import boldUrl from 'dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf?url';

export const FIGURE_TEMPLATE = 'template_ch2bet.nii.gz';

let template: Promise<FigureSources['template']> | null = null;
let fonts: Promise<{ regular: Uint8Array; bold: Uint8Array }> | null = null;

async function bytes(url: string): Promise<Uint8Array> {
  const r = await fetch(url);
  if (!r.ok) throw new Error(`${url}: the bundled file is missing (HTTP ${r.status})`);
  return new Uint8Array(await r.arrayBuffer());
}

function loadTemplate(): Promise<FigureSources['template']> {
  template ??= bytes(`./${FIGURE_TEMPLATE}`).then((b) => {
    const img = readNifti(b, FIGURE_TEMPLATE);
    return { grid: img.grid, data: frameOf(img, 0) };
  });
  return template;
}

export function figureFonts(): Promise<{ regular: Uint8Array; bold: Uint8Array }> {
  fonts ??= Promise.all([bytes(regularUrl), bytes(boldUrl)]).then(([regular, bold]) => ({ regular, bold }));
  return fonts;
}

export function startRaster(): Promise<void> {
  return initRaster(fetch(wasmUrl));
}

/** The study a figure made now refers to, so the CLI can open it again. */
export function studyRefOf(s: AppState): StudyRef | null {
  if (!s.studySource) return null;
  if (s.studySource.kind === 'demo') return { kind: 'demo', seed: DEMO_SEED };
  return { kind: 'folder', path: s.study?.root ?? s.studySource.path };
}

export async function appFigureSources(s: AppState, { volumes: volumeCache, study, progress }: FigureData): Promise<FigureSources> {
  return {
    template: await loadTemplate(),
    templateName: 'ch2bet (Colin 27, brain-extracted, MRIcron)',
    templateFile: FIGURE_TEMPLATE,
    atlas: volumeCache.atlas(),
    atlasName: 'AAL (MRIcron)',
    study: s.study,
    async measureMaps(measureId) {
      const m = await study.loadMeasure(measureId);
      return { grid: m.grid, subjects: m.subjects, maps: m.maps };
    },
    async matrices(measureId) {
      const m = await study.loadMatrices(measureId);
      return { names: m.nodes.map((n) => n.name), nodes: m.nodes, matrices: m.matrices };
    },
    // The connectome's glass brain: the one the Connectivity workspace's scene shows (built once, in a worker).
    brainShell: async () => (await import('../views/three/brainShellClient')).brainShellMesh(volumeCache.atlas()),
    // Loaded on first use: three.js, niivue's capture and the meshes only for figures with a 3D panel.
    capture3d: async (req) => (await import('../views/figure/capture3d')).capture3d(req),
    // FWE panels: Compare's finished run when it is the same contrast and settings (Compare's key:
    // measure|A|B, and fweKey), else a run on the same workers and code path as Compare's.
    async fwe(spec, input) {
      const contrastKey = `${spec.measureId}|${spec.conditionA}|${spec.conditionB}`;
      const [first, second] = spec.direction === 'A-B' ? [spec.conditionA, spec.conditionB] : [spec.conditionB, spec.conditionA];
      const sides = { sided: spec.threshold.sided, direction: spec.direction, label: `${first} > ${second}` };
      const have = storedFwe(contrastKey, spec.fwe, sides);
      if (have) return have;
      const label = `FWE permutations for the figure (${spec.fwe.method}, ${spec.fwe.nPerm})`;
      progress?.({ label, fraction: 0 });
      try {
        return await runFwe({
          contrastKey, f: spec.fwe, dims: input.grid.dims.slice(0, 3) as [number, number, number], dof: input.dof, sides,
          // copies: the workers may take the buffers, and these are the study cache's maps
          maps: async () => ({ a: input.a.map((x) => x.slice()), b: input.b.map((x) => x.slice()), design: input.design }),
          onProgress: (done, total) => progress?.({ label, fraction: total ? done / total : null }),
        });
      } catch (e) {
        const why = (e as { cancelled?: boolean }).cancelled ? 'it was cancelled' : e instanceof Error ? e.message : String(e);
        throw new Error(`the figure's FWE (permutation) inference did not run: ${why}`);
      } finally {
        progress?.(null);
      }
    },
    async layer(layerId) {
      const layer = s.scene.layers.find((l) => l.id === layerId);
      const v = volumeCache.get(layerId);
      if (!layer || !v) throw new Error(`the figure shows layer "${layer?.name ?? layerId}", which is not open`);
      return { layer, volume: { grid: v.image.grid, data: frameOf(v.image, Math.min(layer.frame, v.image.nFrames - 1)) } };
    },
  };
}
