/**
 * The demo study cache in the user-data folder. It is generated once by the renderer
 * (shared/study demo generator) and stored here so later starts skip the generation.
 * `.complete` is written last: a folder without it is an interrupted write and is
 * treated as absent.
 */
import { mkdir, rm, stat } from 'node:fs/promises';
import { dirname, join, resolve, sep } from 'node:path';
import type { DemoFile, FolderListing } from '../../shared/ipc/host';
import { checkRelativePath } from '../../shared/ipc/validate';
import { atomicWrite } from './atomicWrite';
import { listFolder } from './folders';
import { HostError } from './hostError';

export const DEMO_FOLDER = 'demo-study';
export const DEMO_MARKER = '.complete';

export function demoRoot(userData: string): string {
  return join(userData, DEMO_FOLDER);
}

export async function loadDemo(userData: string): Promise<FolderListing | null> {
  const root = demoRoot(userData);
  const marker = await stat(join(root, DEMO_MARKER)).catch(() => null);
  if (!marker?.isFile()) return null;
  return (await listFolder(root)).listing;
}

export async function storeDemo(userData: string, files: DemoFile[]): Promise<FolderListing> {
  const root = resolve(demoRoot(userData));
  // Start clean so a half-written earlier attempt leaves nothing behind.
  await rm(root, { recursive: true, force: true });
  await mkdir(root, { recursive: true });
  for (const file of files) {
    const rel = checkRelativePath(file.relPath, 'demo file path');
    const target = resolve(root, ...rel.split('/'));
    if (!target.startsWith(root + sep)) throw new HostError(`${rel}: demo file path leaves the demo folder.`);
    await mkdir(dirname(target), { recursive: true });
    await atomicWrite(target, file.bytes);
  }
  await atomicWrite(join(root, DEMO_MARKER), new Date().toISOString());
  return (await listFolder(root)).listing;
}
