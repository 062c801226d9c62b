/**
 * What `contrastscope render` draws from: the scene's study opened by path (the demo made again
 * from its seed, or the copy the desktop app keeps), layers by their file paths, the bundled
 * template and atlas. Every missing file is an InputError naming it.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { gunzip, gzipSync } from 'node:zlib';
import { promisify } from 'node:util';
import { readFile } from 'node:fs/promises';
import { makeAtlas, parseLabelTable } from '../../../shared/atlas/index';
import type { FigureSources, MeasureMaps, StudyRef, Volume } from '../../../shared/figure/index';
import { frameOf, readNiftiInflated } from '../../../shared/nifti/read';
import { DEFAULT_MAX_VOXEL_BYTES } from '../../../shared/nifti/index';
import type { NiftiImage } from '../../../shared/nifti/types';
import type { Layer } from '../../../shared/scene/types';
import { generateDemoStudy, importFolder, type Study } from '../../../shared/study/index';
import { resample, sameGrid } from '../../../shared/spaces/index';
import { fileCandidates } from '../../../shared/scene/sceneFile';
import { listFolder } from '../../services/folders';
import { parseMatrix, parseNodeTable, type MatrixNode } from '../../../shared/connectivity/index';
import { brainShell, type Mesh } from '../../../shared/mesh/index';
import { readNiftiFile, readTextFile, writeFileAtomic } from '../io';
import { InputError } from '../types';
import { resourcesDir } from '../commands/demo-data';
import { cliFwe } from './fwe';

export const FIGURE_TEMPLATE = 'template_ch2bet.nii.gz';
export const FIGURE_ATLAS = 'atlas_aal.nii.gz';

const volumeOf = (img: NiftiImage): Volume => ({ grid: img.grid, data: frameOf(img, 0) });
const gunzipAsync = promisify(gunzip);

/** A study map: .nii.gz inflated on Node's thread pool (several at once use both cores), else the CLI's reader. */
async function readMap(path: string): Promise<NiftiImage> {
  if (!/\.nii\.gz$/i.test(path)) return readNiftiFile(path);
  try {
    const raw = await gunzipAsync(await readFile(path), { maxOutputLength: DEFAULT_MAX_VOXEL_BYTES + 65536 });
    return readNiftiInflated(new Uint8Array(raw.buffer, raw.byteOffset, raw.byteLength), basename(path));
  } catch {
    return readNiftiFile(path); // the CLI's reader gives the message that names the problem
  }
}

/** The desktop app's demo copy (Electron's user-data folder), or this command's own cache. */
function demoFolders(seed: number): string[] {
  const config = process.env.XDG_CONFIG_HOME || join(homedir(), '.config');
  const cache = process.env.XDG_CACHE_HOME || join(homedir(), '.cache');
  return [join(config, 'ContrastScope', 'demo-study'), join(config, 'contrastscope', 'demo-study'), join(cache, 'contrastscope', `demo-study-${seed}`)];
}

async function demoRoot(seed: number, template: NiftiImage, log: (s: string) => void): Promise<string> {
  const folders = demoFolders(seed);
  const app = seed === 20150901 ? folders.slice(0, 2) : [];
  for (const f of [...app, folders[2]]) if (existsSync(join(f, '.complete'))) return f;
  // The demo is deterministic: make it again from its seed, and keep it for the next render.
  log(`making the simulated demo study (seed ${seed}) in ${folders[2]}; later renders reuse it`);
  const res = resourcesDir();
  const atlasImg = await readNiftiFile(join(res, FIGURE_ATLAS));
  const atlas = makeAtlas(atlasImg, parseLabelTable(readTextFile(join(res, 'atlas_aal.txt')), 'atlas_aal.txt'));
  const files = generateDemoStudy({ template, atlas, seed, deflate: (raw, level) => gzipSync(raw, { level }) });
  for (const f of files) {
    const path = join(folders[2], ...f.relPath.split('/'));
    mkdirSync(dirname(path), { recursive: true });
    writeFileAtomic(path, f.bytes);
  }
  writeFileSync(join(folders[2], '.complete'), '');
  return folders[2];
}

async function openStudy(ref: StudyRef, demoTemplate: NiftiImage, log: (s: string) => void): Promise<Study> {
  const root = ref.kind === 'demo' ? await demoRoot(ref.seed, demoTemplate, log) : ref.path;
  if (!existsSync(root)) throw new InputError(`the scene's study folder ${root} does not exist`);
  const { listing } = await listFolder(root);
  const r = await importFolder(listing, async (p) => readTextFile(p));
  const errors = r.problems.filter((p) => p.severity === 'error');
  if (!r.study.measures.length) throw new InputError(`${root}: no study found (${errors[0]?.message ?? 'no maps recognised'})`);
  return r.study;
}

/** `scenePath` finds a moved layer file by its path relative to the scene (relPath), as Open scene does. */
export async function cliFigureSources(study: StudyRef | null, layers: Layer[], log: (s: string) => void, scenePath: string | null = null): Promise<FigureSources> {
  const res = resourcesDir();
  const templateImg = await readNiftiFile(join(res, FIGURE_TEMPLATE));
  const atlasImg = await readNiftiFile(join(res, FIGURE_ATLAS));
  const atlas = makeAtlas(atlasImg, parseLabelTable(readTextFile(join(res, 'atlas_aal.txt')), 'atlas_aal.txt'));
  const s = study ? await openStudy(study, templateImg, log) : null;
  let shell: Promise<Mesh | null> | null = null;
  return {
    template: volumeOf(templateImg),
    templateName: 'ch2bet (Colin 27, brain-extracted, MRIcron)',
    templateFile: FIGURE_TEMPLATE,
    atlas,
    atlasName: 'AAL (MRIcron)',
    study: s,
    async measureMaps(measureId: string): Promise<MeasureMaps> {
      const m = s?.measures.find((x) => x.id === measureId);
      if (!s || !m) throw new InputError(`the scene's study has no measure "${measureId}"`);
      const maps: MeasureMaps['maps'] = {};
      const jobs: { cond: string; index: number; path: string; frame: number }[] = [];
      for (const cond of s.conditions) {
        maps[cond] = s.subjects.map(() => null);
        s.subjects.forEach((subject, index) => {
          const f = m.files.find((x) => x.subject === subject && x.condition === cond);
          if (f) jobs.push({ cond, index, path: f.path, frame: f.frame ?? 0 });
        });
      }
      for (const j of jobs) if (!existsSync(j.path)) throw new InputError(`${j.path}: the study file is missing`);
      // Four reads at a time: Node inflates on its thread pool, so both cores work.
      const images: NiftiImage[] = new Array(jobs.length);
      let next = 0;
      await Promise.all(Array.from({ length: 4 }, async () => {
        while (next < jobs.length) {
          const k = next++;
          images[k] = await readMap(jobs[k].path);
        }
      }));
      let grid: MeasureMaps['grid'] | null = null;
      jobs.forEach((j, k) => {
        const img = images[k];
        grid ??= img.grid;
        const v = frameOf(img, j.frame);
        maps[j.cond][j.index] = sameGrid(img.grid, grid) ? v : resample({ grid: img.grid, data: v }, grid, 'linear', NaN);
      });
      if (!grid) throw new InputError(`${m.label}: the study has no maps`);
      return { grid, subjects: s.subjects, maps };
    },
    async matrices(measureId: string) {
      const m = s?.measures.find((x) => x.id === measureId);
      if (!s || !m) throw new InputError(`the scene's study has no measure "${measureId}"`);
      const matrices: Record<string, (ReturnType<typeof parseMatrix> | null)[]> = {};
      for (const cond of s.conditions) {
        matrices[cond] = s.subjects.map((subject) => {
          const f = m.files.find((x) => x.subject === subject && x.condition === cond);
          if (!f) return null;
          if (!existsSync(f.path)) throw new InputError(`${f.path}: the study file is missing`);
          return parseMatrix(readTextFile(f.path), basename(f.path));
        });
      }
      const first = Object.values(matrices).flat().find((x) => x);
      const n = first?.n ?? 0;
      let names = Array.from({ length: n }, (_, i) => first?.names?.[i] ?? `node ${i + 1}`);
      let nodes: MatrixNode[] = [];
      if (m.nodes && existsSync(m.nodes)) {
        const table = parseNodeTable(readTextFile(m.nodes), basename(m.nodes));
        if (table.length === n) {
          names = table.map((x) => x.name);
          nodes = table;
        }
      }
      return { names, nodes, matrices };
    },
    // The connectome's glass brain: the same function on the same atlas as the app's mesh worker.
    brainShell() {
      shell ??= Promise.resolve(brainShell(atlas.data, atlas.grid.dims as [number, number, number], atlas.grid.affine, 3));
      return shell;
    },
    // FWE panels: the permutations run here, on the CLI's worker pool (the app's plan and rows).
    fwe: (spec, input) => cliFwe(spec, input, { log }),
    async layer(layerId: string) {
      const layer = layers.find((l) => l.id === layerId);
      if (!layer) throw new InputError(`the figure names layer "${layerId}", which the scene does not have`);
      const src = layer.source;
      if (src.type === 'derived') throw new InputError(`layer "${layer.name}" was made in the app (${src.description}) and has no file to open`);
      const tried = src.type === 'file' ? fileCandidates(src, scenePath) : [join(res, src.url.replace(/^\.\//, ''))];
      const path = tried.find((p) => existsSync(p));
      if (!path) {
        // Browser mode sees no paths on disk: its files are named /picked/N/NAME in the scene.
        const browser = src.type === 'file' && src.path.startsWith('/picked/') && !src.relPath;
        throw new InputError(browser ? `layer "${layer.name}" was opened in browser mode, where the page sees no path on disk (${src.path}); open the map in the desktop app and save the scene there, or write the file's path into the scene's layer` : `${tried.join(' or ')}: the file of layer "${layer.name}" is missing`);
      }
      const img = await readNiftiFile(path);
      return { layer, volume: { grid: img.grid, data: frameOf(img, Math.min(layer.frame, img.nFrames - 1)) } };
    },
  };
}
