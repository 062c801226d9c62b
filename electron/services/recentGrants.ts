/**
 * What an Open Recent entry may grant again: exactly the kind of grant it was given when the
 * user opened it (main records that; the page cannot choose it). A folder picked in a dialog
 * comes back as its listing; a study table as that table (which may then grant the files it
 * lists, see studyTables.ts); anything else as that one file. Never a parent folder.
 */
import { stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { FolderListing, RecentGrant, RecentItem } from '../../shared/ipc/host';
import { fileRefOf, type GrantList } from './files';
import { grantFolderScan, listFolder } from './folders';
import { HostError } from './hostError';
import { refuseUncOrDevicePath } from './paths';

export async function replayRecent(grants: GrantList, item: RecentItem): Promise<FolderListing> {
  const { path, label } = item;
  refuseUncOrDevicePath(path);
  // Entries written before grants were recorded replay as the narrowest grant.
  const grant: RecentGrant = item.grant ?? 'file';
  const info = await stat(path).catch(() => null);
  if (!info) throw new HostError(`${label}: ${path} can no longer be found; it may have been moved or renamed.`);
  if (grant === 'folder') {
    if (!info.isDirectory()) throw new HostError(`${label}: ${path} is no longer a folder.`);
    const scan = await listFolder(path);
    await grantFolderScan(grants, scan);
    return scan.listing;
  }
  if (info.isDirectory()) throw new HostError(`${label}: ${path} is a folder; open it again with File > Open study folder.`);
  if (grant === 'table') await grants.grantTable(path);
  else await grants.grantFile(path, 'picked');
  return { root: dirname(path), files: [await fileRefOf(path)] };
}
