/**
 * Listing a study folder: every file under it, recursively, sorted, with a cap so that
 * picking a home folder by mistake ends in a clear message instead of a long hang.
 * Hidden entries (".git", ".DS_Store", the demo's ".complete") are skipped; symlinked
 * folders are followed once (a loop is visited only once).
 */
import { readdir, realpath, stat } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import type { FolderListing } from '../../shared/ipc/host';
import { HOST_LIMITS } from '../../shared/ipc/host';
import type { GrantList } from './files';
import { describeFsError, HostError } from './hostError';

export interface FolderScan {
  listing: FolderListing;
  /** realpath of each listed file, same order as listing.files (symlinks may point elsewhere). */
  realPaths: string[];
}

export async function listFolder(root: string, options: { maxFiles?: number } = {}): Promise<FolderScan> {
  const maxFiles = options.maxFiles ?? HOST_LIMITS.maxFolderFiles;
  const top = resolve(root);
  const name = basename(top) || top;
  let topReal: string;
  try {
    topReal = await realpath(top);
    if (!(await stat(topReal)).isDirectory()) throw new HostError(`${name}: is not a folder.`);
  } catch (err) {
    if (err instanceof HostError) throw err;
    throw new HostError(`${name}: ${describeFsError(err)}.`);
  }
  const files: FolderListing['files'] = [];
  const realPaths: string[] = [];
  const visited = new Set<string>([topReal]);

  async function walk(dir: string): Promise<void> {
    let entries;
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch (err) {
      // An unreadable subfolder should not hide the rest of the study.
      if (dir === top) throw new HostError(`${name}: ${describeFsError(err)}.`);
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      if (entry.name.startsWith('.')) continue;
      const path = join(dir, entry.name);
      let isDir = entry.isDirectory();
      let isFile = entry.isFile();
      let real = path;
      if (entry.isSymbolicLink()) {
        try {
          real = await realpath(path);
          const s = await stat(real);
          isDir = s.isDirectory();
          isFile = s.isFile();
        } catch {
          continue; // a dangling link
        }
      }
      if (isDir) {
        const dirReal = entry.isSymbolicLink() ? real : await realpath(path).catch(() => path);
        if (visited.has(dirReal)) continue;
        visited.add(dirReal);
        await walk(path);
      } else if (isFile) {
        if (files.length >= maxFiles) {
          throw new HostError(`${name}: folder has more than ${maxFiles} files; choose the study folder itself rather than a folder above it.`);
        }
        const s = await stat(real).catch(() => null);
        if (!s) continue;
        files.push({ path, name: entry.name, size: s.size });
        realPaths.push(entry.isSymbolicLink() ? real : path);
      }
    }
  }

  await walk(top);
  return { listing: { root: top, files }, realPaths };
}

/** Grant a listed folder; files symlinked from elsewhere are granted one by one (the user chose the folder holding them). */
export async function grantFolderScan(grants: GrantList, scan: FolderScan): Promise<void> {
  await grants.grantFolder(scan.listing.root);
  for (let i = 0; i < scan.realPaths.length; i++) {
    if (!grants.covers(scan.realPaths[i])) await grants.grantFile(scan.listing.files[i].path);
  }
}
