/**
 * Atlas layers besides the bundled AAL: an image opened together with its label table, or the
 * bundled Brodmann map. The labels go into the volume cache beside the voxels (by layer id), so the
 * readout, the cluster table and ROI search can name places in any of them.
 */
import type { FileRef, HostApi } from '../../shared/ipc/host';
import { addLayer, templateLayer } from '../../shared/scene';
import { atlasStem, makeAtlas, parseLabelTable } from '../../shared/atlas';
import { actions, type AppStore } from '../store';
import type { ParseClient } from './parseClient';
import type { VolumeCache } from './volumeCache';
import { layerFromVolume } from './layerFromVolume';
import type { ParsedVolume } from '../workers/protocol';
import { writeNifti } from '../../shared/nifti/write';
import type { Grid } from '../../shared/spaces/types';

export interface AtlasOpenDeps {
  store: AppStore;
  host: HostApi;
  parser: ParseClient;
  volumes: VolumeCache;
  newId: () => string;
}

export const BUNDLED_ATLASES = {
  brodmann: { image: 'atlas_brodmann.nii.gz', labels: 'atlas_brodmann.tsv', name: 'Brodmann areas' },
} as const;

/** Opens `image` with `labels` as an atlas layer; a bad table or image ends in a banner naming the file. */
export async function openAtlasFiles(deps: AtlasOpenDeps, image: FileRef, labels: FileRef): Promise<void> {
  const { store, host, parser } = deps;
  actions.setProgress(store, { label: `Opening the atlas ${image.name} with ${labels.name}`, fraction: null });
  let subject = labels.name;
  try {
    const [imgBytes, labelBytes] = await Promise.all([host.readFile(image.path), host.readFile(labels.path)]);
    const table = parseLabelTable(new TextDecoder().decode(labelBytes), labels.name);
    subject = image.name;
    const v = await parser.parse(image.name, imgBytes, true);
    addAtlasLayer(deps, v, { type: 'file', path: image.path, labelsPath: labels.path }, displayName(image.name), table, v.displayBytes!, safeName(image.name), labels.name);
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    actions.reportError(store, subject, msg.includes(subject) ? msg : `${subject}: ${msg}`);
  } finally {
    actions.setProgress(store, null);
  }
}

/** The bundled Brodmann areas (resources/, from mricron-data), already on the template grid. */
export async function openBundledAtlas(deps: AtlasOpenDeps, which: keyof typeof BUNDLED_ATLASES, fetchBytes: (url: string) => Promise<ArrayBuffer>): Promise<void> {
  const b = BUNDLED_ATLASES[which];
  const open = deps.store.getState().scene.layers.find((l) => l.source.type === 'bundled' && l.source.url === b.image);
  if (open) return actions.select(deps.store, open.id);
  actions.setProgress(deps.store, { label: `Loading ${b.name}`, fraction: null });
  try {
    const [bytes, text] = await Promise.all([fetchBytes(`./${b.image}`), fetchBytes(`./${b.labels}`).then((x) => new TextDecoder().decode(x))]);
    const v = await deps.parser.parse(b.image, bytes.slice(0), false);
    addAtlasLayer(deps, v, { type: 'bundled', url: b.image }, b.name, parseLabelTable(text, b.labels), bytes, b.image, b.labels);
  } catch (e) {
    actions.reportError(deps.store, b.name, e instanceof Error ? e.message : String(e));
  } finally {
    actions.setProgress(deps.store, null);
  }
}

function addAtlasLayer(
  deps: AtlasOpenDeps,
  v: ParsedVolume,
  source: { type: 'file'; path: string; labelsPath?: string } | { type: 'bundled'; url: string },
  name: string,
  table: ReturnType<typeof parseLabelTable>,
  displayBytes: ArrayBuffer,
  display: string,
  labelsName: string,
): void {
  const atlas = { ...makeAtlas(v.image, table), name };
  const template = templateLayer(deps.store.getState().scene);
  const id = deps.newId();
  // A probabilistic atlas is drawn as its most probable label per voxel (one 3D label image);
  // its frames stay in the cache for the readout's probabilities.
  const shown = atlas.prob ? argmaxNifti(atlas.grid, atlas.data) : displayBytes;
  deps.volumes.set(id, { image: v.image, displayBytes: shown, displayName: display });
  deps.volumes.setAtlasFor(id, atlas);
  const layer = { ...layerFromVolume(id, source, v, template?.grid ?? null, 'atlas'), name, opacity: 1, ...(atlas.prob ? { nFrames: 1 } : {}) };
  const kind = atlas.prob ? `probabilistic: ${atlas.prob.nFrames} frames, the most probable label is named` : `${table.entries.size} labels`;
  layer.notes = [...layer.notes.filter((n) => !/frames$/.test(n)), `labels from ${labelsName} (${table.format ?? 'table'}; ${kind})`];
  if (layer.resampled) layer.notes.push('named at the cursor on its own grid (nearest voxel of the mm position)');
  layer.warnings = [...layer.warnings, ...table.warnings, ...(atlas.warnings ?? [])].slice(0, 8);
  actions.editScene(deps.store, (s) => addLayer(s, layer));
  actions.select(deps.store, id);
}

function argmaxNifti(grid: Grid, labels: Float32Array): ArrayBuffer {
  const bytes = writeNifti({ dims: [...grid.dims], affine: grid.affine, data: labels, intentCode: 1002, sformCode: 4, qformCode: 4 });
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
}

/** The layer's name: the file name without extension ("HOsub_CONN"). */
function displayName(file: string): string {
  const base = file.split(/[\\/]/).pop() ?? file;
  return base.replace(/\.nii(\.gz)?$/i, '') || atlasStem(file);
}

/** niivue picks the reader by extension; our display copies are always plain .nii. */
function safeName(name: string): string {
  return `${name.replace(/\.nii(\.gz)?$/i, '').replace(/[^\w.-]+/g, '_') || 'atlas'}.nii`;
}
