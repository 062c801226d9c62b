import type { FolderListing } from '../ipc/host';
import type { Entry } from './build';
import { assembleStudy } from './build';
import { guessMeasure, sniffMatrixUnits } from './measures';
import { baseName, dirName, parseBidsName } from './naming';
import { parseParticipants } from './participants';
import type { ImportResult, Participants, StudyProblem } from './types';
import { SIMULATED_NOTICE } from './types';
import { listNames, validateStudy } from './validate';

const RESULT_EXT = /\.(nii|nii\.gz|tsv|csv)$/i;
const SIDE_FILES = /^(participants\.(tsv|csv)|dataset_description\.json|readme(\.\w+)?|changes|.*nodes\.(tsv|csv)|.*\.json)$/i;

interface Description {
  Name?: unknown;
  Simulated?: unknown;
  Notice?: unknown;
  Seeds?: unknown;
}

/** "Seeds": { "hippocampusR": { "AtlasLabels": ["Hippocampus_R"], "CentreMm": [x, y, z] } } (our own extension). */
function seedInfo(description: Description, seed: string): { labels?: string[]; mm?: [number, number, number] } {
  const seeds = description.Seeds;
  if (!seeds || typeof seeds !== 'object') return {};
  const entry = (seeds as Record<string, unknown>)[seed];
  if (!entry || typeof entry !== 'object') return {};
  const { AtlasLabels, CentreMm } = entry as { AtlasLabels?: unknown; CentreMm?: unknown };
  const labels = Array.isArray(AtlasLabels) && AtlasLabels.every((l) => typeof l === 'string') ? (AtlasLabels as string[]) : undefined;
  const mm = Array.isArray(CentreMm) && CentreMm.length === 3 && CentreMm.every((v) => typeof v === 'number' && Number.isFinite(v)) ? (CentreMm as [number, number, number]) : undefined;
  return { labels, mm };
}

async function readDescription(path: string | undefined, readText: (p: string) => Promise<string>, problems: StudyProblem[]): Promise<Description> {
  if (!path) return {};
  try {
    const parsed: unknown = JSON.parse(await readText(path));
    return parsed && typeof parsed === 'object' ? (parsed as Description) : {};
  } catch (err) {
    problems.push({ severity: 'warning', kind: 'bad-table', paths: [path], message: `${baseName(path)} could not be read (${err instanceof Error ? err.message : String(err)}); the folder name is used as the study name.` });
    return {};
  }
}

/**
 * Infer a study from a folder of BIDS-derivatives-style files (see parseBidsName). Reads only
 * small side files (dataset_description.json, participants.tsv, one matrix per connectivity
 * measure to tell r from Fisher z); voxel data is loaded later, after the user confirms the table.
 */
export async function importFolder(listing: FolderListing, readText: (path: string) => Promise<string>): Promise<ImportResult> {
  const problems: StudyProblem[] = [];
  const entries: Entry[] = [];
  const unrecognised: string[] = [];
  const noCondition: string[] = [];
  let participantsPath: string | undefined;
  let descriptionPath: string | undefined;
  const nodeTables = new Map<string, string>(); // folder -> nodes.tsv
  const depth = (p: string) => p.split(/[\\/]/).length;

  for (const file of listing.files) {
    const name = baseName(file.path);
    const lower = name.toLowerCase();
    if (lower === 'participants.tsv' || lower === 'participants.csv') {
      if (!participantsPath || depth(file.path) < depth(participantsPath)) participantsPath = file.path;
      continue;
    }
    if (lower === 'dataset_description.json') {
      if (!descriptionPath || depth(file.path) < depth(descriptionPath)) descriptionPath = file.path;
      continue;
    }
    if (/nodes\.(tsv|csv)$/i.test(lower)) {
      nodeTables.set(dirName(file.path), file.path);
      continue;
    }
    const bids = parseBidsName(name);
    const guess = bids ? guessMeasure(bids) : null;
    if (!bids || !guess) {
      if (RESULT_EXT.test(name) && !SIDE_FILES.test(name)) unrecognised.push(file.path);
      continue;
    }
    const condition = bids.cond ?? bids.ses;
    if (condition === undefined) {
      noCondition.push(file.path);
      continue;
    }
    entries.push({ subject: `sub-${bids.sub}`, condition, path: file.path, guess });
  }

  // A matrix's units come from its content when the name does not say.
  const sniffed = new Map<string, 'r' | 'z'>();
  for (const e of entries) {
    if (e.guess.kind !== 'connectivity-matrix' || e.guess.units !== null || sniffed.has(e.guess.id)) continue;
    try {
      sniffed.set(e.guess.id, sniffMatrixUnits(await readText(e.path)));
    } catch {
      sniffed.set(e.guess.id, 'r');
    }
  }
  for (const e of entries) {
    const units = sniffed.get(e.guess.id);
    if (units) e.guess = { ...e.guess, units, label: `${e.guess.label} (${units === 'r' ? 'r' : 'Fisher z'})` };
  }

  let participants: Participants | undefined;
  if (participantsPath) {
    try {
      participants = parseParticipants(await readText(participantsPath), baseName(participantsPath));
    } catch (err) {
      problems.push({ severity: 'warning', kind: 'bad-participants', paths: [participantsPath], message: `${baseName(participantsPath)} could not be read (${err instanceof Error ? err.message : String(err)}); covariates are not available.` });
    }
  }
  const description = await readDescription(descriptionPath, readText, problems);
  const folderName = baseName(listing.root.replace(/[\\/]+$/, '')) || listing.root;
  const name = typeof description.Name === 'string' && description.Name.trim() ? description.Name.trim() : folderName;
  const simulated = description.Simulated === true;
  const notice = typeof description.Notice === 'string' ? description.Notice : simulated ? SIMULATED_NOTICE : undefined;

  const { study, table } = assembleStudy({ id: `folder:${listing.root}`, name, root: listing.root, simulated, notice, participants }, entries);
  for (const m of study.measures) {
    if (m.kind === 'rsfc-seed' && m.seed) {
      const { labels, mm } = seedInfo(description, m.seed);
      if (labels) m.seedLabels = labels;
      if (mm) m.seedMm = mm;
    }
    if (m.kind !== 'connectivity-matrix') continue;
    const folders = [...new Set(m.files.map((f) => dirName(f.path)))];
    const nodes = folders.map((d) => nodeTables.get(d)).find((p) => p !== undefined) ?? nodeTables.get(listing.root.replace(/[\\/]+$/, ''));
    if (nodes) m.nodes = nodes;
  }

  if (noCondition.length > 0) {
    problems.push({
      severity: 'warning',
      kind: 'unrecognised-file',
      paths: noCondition,
      message: `${noCondition.length} subject file${noCondition.length === 1 ? ' has' : 's have'} no ses- or cond- part naming the condition and ${noCondition.length === 1 ? 'was' : 'were'} skipped: ${listNames(noCondition.map(baseName))}.`,
    });
  }
  if (unrecognised.length > 0) {
    problems.push({
      severity: 'warning',
      kind: 'unrecognised-file',
      paths: unrecognised,
      message: `${unrecognised.length} file${unrecognised.length === 1 ? ' was' : 's were'} not recognised as subject results (names like sub-01_ses-mdma_cbf.nii.gz are) and ${unrecognised.length === 1 ? 'was' : 'were'} skipped: ${listNames(unrecognised.map(baseName))}.`,
    });
  }
  if (entries.length === 0) {
    problems.push({ severity: 'error', kind: 'unrecognised-file', message: `No subject result files were found in ${listing.root}.` });
  }
  problems.push(...validateStudy(study));
  return { table, study, problems };
}
