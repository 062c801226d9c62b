/**
 * Gets a contrast computed by the compare worker: a study measure's two conditions (subject maps
 * paired as the design says, sent as copies so the study cache stays intact) or a group t map.
 */
import type { ContrastMaps } from '../../shared/compare';
import { frameOf } from '../../shared/nifti';
import type { Grid } from '../../shared/spaces/types';
import { pairSubjects, type Measure, type Study } from '../../shared/study';
import type { CompareWorkerLink } from './compareWorkerLink';
import type { MeasureData } from './studyData';
import type { CachedVolume } from './volumeCache';

/** The contrast shown, with what the display needs besides the maps. */
export interface LoadedContrast {
  key: string;
  base: ContrastMaps;
  byDirection: Map<string, ContrastMaps>;
  grid: Grid;
  subjects: string[];
  measure: Measure | null;
  group: boolean;
}

/** What loading reads from the study: its maps and their brain mask. */
export interface StudyMaps {
  loadMeasure(measureId: string): Promise<MeasureData>;
  studyBrainMask(grid: Grid): Uint8Array;
}

export async function loadStudyContrast(
  link: CompareWorkerLink,
  maps: StudyMaps,
  key: string,
  study: Study,
  measureId: string,
  [condA, condB]: [string, string],
  status: (text: string) => void,
): Promise<LoadedContrast> {
  const measure = study.measures.find((m) => m.id === measureId)!;
  // The loader shows its own progress bar when a load outlasts a second.
  const data = await maps.loadMeasure(measureId);
  const { a, b, subjects } = pairSubjects(data.subjects, data.maps[condA] ?? [], data.maps[condB] ?? [], study.design);
  if (a.length < 2 || b.length < 2) throw new Error(`${measure.label}: fewer than two subjects have maps for both ${condA} and ${condB}`);
  // A map whose buffer went back to the readers (another measure started loading) reads as empty.
  const nVox = data.grid.dims[0] * data.grid.dims[1] * data.grid.dims[2];
  if ([...a, ...b].some((m) => m.length !== nVox)) throw new Error(`${measure.label}: its maps were unloaded while the contrast was being prepared; choose the measure again`);
  const mask = maps.studyBrainMask(data.grid);
  await link.releaseContrast();
  status(`Computing ${condA} − ${condB} over ${a.length} subjects…`);
  // The worker keeps the maps it is given for ROI values: send copies so the study cache stays
  // intact, written into the memory of the maps the worker released (fresh memory is slow to fill).
  const copy = (x: Float32Array) => {
    const c = new Float32Array(link.released.take(x.byteLength), 0, x.length);
    c.set(x);
    return c;
  };
  const ca = a.map(copy);
  const cb = b.map(copy);
  link.released.trim(0);
  const maskCopy = mask ? mask.slice() : undefined;
  const base = await link.compute(key, () =>
    link.post({ type: 'compute-contrast', measureId: key, a: ca, b: cb, mask: maskCopy, design: study.design }, [...ca, ...cb].map((x) => x.buffer as ArrayBuffer)),
  );
  return { key, base, byDirection: new Map([['A-B', base]]), grid: data.grid, subjects, measure, group: false };
}

export async function loadGroupContrast(
  link: CompareWorkerLink,
  key: string,
  cached: CachedVolume | undefined,
  layer: { name: string; frame: number } | undefined,
  dof: number,
  status: (text: string) => void,
): Promise<LoadedContrast> {
  if (!cached || !layer) throw new Error('the group map is no longer open');
  const t = frameOf(cached.image, Math.min(layer.frame, cached.image.nFrames - 1)).slice();
  status(`Reading ${layer.name} as a t map with ${dof} degrees of freedom…`);
  const base = await link.compute(key, () => link.post({ type: 'group-map', measureId: key, t, dof }, [t.buffer as ArrayBuffer]));
  return { key, base, byDirection: new Map([['A-B', base]]), grid: cached.image.grid, subjects: [], measure: null, group: true };
}
