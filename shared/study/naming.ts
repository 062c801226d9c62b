/** BIDS-derivatives-style file names: `sub-01_ses-mdma_task-faces_stat-effect_statmap.nii.gz`. */

export interface BidsName {
  sub?: string;
  ses?: string;
  cond?: string;
  task?: string;
  seed?: string;
  desc?: string;
  stat?: string;
  /** The last underscore part without a dash, e.g. 'statmap', 'cbf', 'connectivity', 'stat'. */
  suffix: string;
  /** Lower-case, with the dot: '.nii.gz', '.nii', '.tsv', '.csv', '.json', '.txt' or ''. */
  ext: string;
  /** Every key-value entity, including ones not listed above (run, acq, space, ...). */
  entities: Record<string, string>;
}

const EXTENSIONS = ['.nii.gz', '.nii', '.tsv', '.csv', '.json', '.txt', '.hdr', '.img'];

/** The file name of a path written with either separator. */
export function baseName(path: string): string {
  const parts = path.split(/[\\/]/);
  return parts[parts.length - 1];
}

/** The folder of a path ('' for a bare name), keeping the path's own separator. */
export function dirName(path: string): string {
  const cut = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
  return cut < 0 ? '' : path.slice(0, cut);
}

export function splitExtension(fileName: string): { stem: string; ext: string } {
  const lower = fileName.toLowerCase();
  const ext = EXTENSIONS.find((e) => lower.endsWith(e)) ?? '';
  return { stem: fileName.slice(0, fileName.length - ext.length), ext };
}

/**
 * Split a BIDS-style name into entities. Returns null when the name has no `sub-` entity
 * (it is then not a per-subject file). Accepts a path; only the file name is read.
 */
export function parseBidsName(fileName: string): BidsName | null {
  const { stem, ext } = splitExtension(baseName(fileName));
  const parts = stem.split('_').filter((p) => p.length > 0);
  if (parts.length === 0) return null;
  const entities: Record<string, string> = {};
  let suffix = '';
  parts.forEach((part, i) => {
    const dash = part.indexOf('-');
    if (dash > 0 && dash < part.length - 1) entities[part.slice(0, dash).toLowerCase()] = part.slice(dash + 1);
    else if (i === parts.length - 1) suffix = part;
  });
  if (entities.sub === undefined) return null;
  return {
    sub: entities.sub,
    ses: entities.ses,
    cond: entities.cond,
    task: entities.task,
    seed: entities.seed,
    desc: entities.desc,
    stat: entities.stat,
    suffix,
    ext,
    entities,
  };
}

/** Join a path relative to a folder, resolving `.` and `..`; absolute paths are returned as they are. */
export function joinPath(folder: string, relative: string): string {
  if (/^([a-zA-Z]:)?[\\/]/.test(relative) || folder === '') return relative;
  const sep = folder.includes('\\') && !folder.includes('/') ? '\\' : '/';
  const out = folder.split(/[\\/]/);
  if (out.length > 1 && out[out.length - 1] === '') out.pop();
  for (const part of relative.split(/[\\/]/)) {
    if (part === '.' || part === '') continue;
    if (part === '..' && out.length > 1) out.pop();
    else out.push(part);
  }
  return out.join(sep);
}
