/**
 * A study table picked in a dialog grants exactly the files it lists. The renderer parses the
 * table (main never parses untrusted data) and asks for the files it found; main grants each
 * one only if the table's own text names it as a whole cell (as written there: relative to the
 * table, or absolute), it is a study file type, and it is a regular file. A lookup, not a parse.
 */
import { readFile, realpath, stat } from 'node:fs/promises';
import { basename, dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import { existsSync } from 'node:fs';
import type { GrantList } from './files';
import { HostError } from './hostError';
import { isUncOrDevicePath } from './paths';

/** Largest study table main searches (a 20,000-row table is about 2 MB). */
export const MAX_TABLE_BYTES = 64 * 1024 * 1024;

/** What a study table may point at: images (and .hdr/.img pairs) and matrix or node tables. */
const STUDY_FILE = /\.(nii|nii\.gz|hdr|hdr\.gz|img|img\.gz|tsv|csv|txt)$/i;

export interface Refusal {
  path: string;
  reason: string;
}

/**
 * Every cell-like string of the table: the text split at tabs, commas, semicolons and line
 * ends, trimmed of spaces, quotes and a leading `./`. No structure is interpreted (that stays
 * with the page); this only lets each requested path be looked up in one pass over the text.
 */
function cellsOf(text: string): Set<string> {
  const cells = new Set<string>();
  for (const raw of text.split(/[\t,;\r\n]/)) {
    const cell = raw.trim().replace(/^["']|["']$/g, '').trim().replace(/^\.[\\/]/, '');
    if (cell) cells.add(cell);
  }
  return cells;
}

/** The ways a table could have written `path`: relative (either slash), or absolute. */
function spellings(tableDir: string, path: string): string[] {
  const rel = relative(tableDir, path);
  const out = [path];
  if (rel && !isAbsolute(rel)) out.push(rel, rel.split(sep).join('/'), rel.split(sep).join('\\'));
  return [...new Set(out)];
}

/** The .img (or .img.gz) beside a listed .hdr: reading a pair needs both halves. */
function pairPartner(path: string): string | null {
  if (!/\.hdr(\.gz)?$/i.test(path)) return null;
  const stem = path.replace(/\.hdr(\.gz)?$/i, '');
  for (const ext of ['.img', '.IMG', '.img.gz', '.IMG.gz']) if (existsSync(stem + ext)) return stem + ext;
  return null;
}

export async function grantTableFiles(grants: GrantList, tablePath: string, paths: string[]): Promise<Refusal[]> {
  const tableName = basename(tablePath);
  const tableReal = await grants.check(tablePath);
  if (!grants.isTable(tableReal)) {
    throw new HostError(`${tableName}: was not picked as a study table in this session; open it with File > Open study table.`);
  }
  const info = await stat(tableReal);
  if (info.size > MAX_TABLE_BYTES) throw new HostError(`${tableName}: the study table is larger than ${MAX_TABLE_BYTES / 1024 ** 2} MiB.`);
  const cells = cellsOf(await readFile(tableReal, 'utf8'));
  const tableDir = dirname(resolve(tablePath));
  const refused: Refusal[] = [];
  for (const path of paths) {
    const name = basename(path);
    if (isUncOrDevicePath(path)) {
      refused.push({ path, reason: `${name}: network (\\\\server\\share) and device paths are not opened.` });
      continue;
    }
    if (!STUDY_FILE.test(path)) {
      refused.push({ path, reason: `${name}: not a study file type (.nii, .nii.gz, .hdr/.img, .tsv, .csv, .txt).` });
      continue;
    }
    if (!spellings(tableDir, resolve(path)).some((s) => cells.has(s))) {
      refused.push({ path, reason: `${name}: ${tableName} does not list this file.` });
      continue;
    }
    try {
      const real = await realpath(resolve(path));
      if (!(await stat(real)).isFile()) throw new Error('not a regular file');
      await grants.grantFile(path, 'listed');
      const partner = pairPartner(path);
      if (partner) await grants.grantFile(partner, 'listed');
    } catch (err) {
      refused.push({ path, reason: `${name}: ${err instanceof Error && err.message === 'not a regular file' ? 'is not a regular file' : 'file not found'}.` });
    }
  }
  return refused;
}
