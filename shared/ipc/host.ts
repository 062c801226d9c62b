/**
 * The one typed interface between the renderer and whatever hosts it.
 * Electron implements it in the preload bridge (backed by IPC handlers in main);
 * browser mode implements it with a file input, drag-and-drop and downloads.
 * The renderer only ever talks to a `HostApi`.
 */

import type { MenuEntry } from './menu';

/** A file the user has granted access to. `path` is absolute in Electron, a virtual path in the browser. */
export interface FileRef {
  path: string;
  name: string;
  size: number;
}

export interface FileFilter {
  name: string;
  extensions: string[];
}

export interface OpenFilesOptions {
  title?: string;
  filters?: FileFilter[];
  multiple?: boolean;
}

/** A folder the user picked, with every file under it (recursively, capped). */
export interface FolderListing {
  root: string;
  files: FileRef[];
}

export interface SaveOptions {
  title?: string;
  filters?: FileFilter[];
}

export interface SaveResult {
  saved: boolean;
  path?: string;
}

export interface RecentItem {
  kind: 'study' | 'map' | 'scene';
  path: string;
  label: string;
  openedAt: string;
  /**
   * Set by the host, never by the page: what reopening replays. `folder` = a folder picked in a
   * dialog (everything under it); `table` = a study table picked in a dialog (it, and then the
   * files it lists); `file` = that one file. Entries without it replay as `file`.
   */
  grant?: RecentGrant;
}

export type RecentGrant = 'folder' | 'table' | 'file';

/** The demo study's files as written by the generator: paths relative to the demo folder. */
export interface DemoFile {
  relPath: string;
  bytes: Uint8Array;
}

/** A demo study being generated (HostApi.streamDemo). */
export interface DemoStream {
  listing: FolderListing;
  /** Files now generated: reads waiting for them go on. */
  add(files: DemoFile[]): void;
  /** Every file is in: cache them all for later starts. */
  save(files: DemoFile[]): Promise<void>;
  /** Generation stopped: reads of files still missing fail with this message. */
  fail(message: string): void;
}

export interface HostApi {
  readonly kind: 'electron' | 'web';
  /** Ask the user for files (a dialog in Electron, a file input in the browser). Empty when cancelled. */
  openFiles(options?: OpenFilesOptions): Promise<FileRef[]>;
  /** Ask the user for a study folder. Null when cancelled. */
  openFolder(options?: { title?: string }): Promise<FolderListing | null>;
  /** Read a granted file's bytes (size-capped by the host). Rejects with a message naming the file. */
  readFile(path: string): Promise<ArrayBuffer>;
  /**
   * Browser only: a granted file as a Blob (a handle a worker can read itself, so study files'
   * bytes never pass through the page's thread), or its bytes when the host holds them in memory.
   * Same size cap and messages as readFile.
   */
  readSource?(path: string): Promise<Blob | ArrayBuffer>;
  /** Save bytes or text; atomic in Electron, a download in the browser. */
  saveFile(suggestedName: string, data: Uint8Array | string, options?: SaveOptions): Promise<SaveResult>;
  /**
   * Electron only (optional), for files whose contents depend on where they go (a scene stores each
   * map's path relative to itself): ask where to save, then write there with saveChosen. Null when
   * cancelled. Only the path just chosen, by this window, once, within a minute, may be written.
   */
  pickSavePath?(suggestedName: string, options?: SaveOptions): Promise<string | null>;
  saveChosen?(path: string, data: Uint8Array | string): Promise<SaveResult>;
  getRecent(): Promise<RecentItem[]>;
  addRecent(item: RecentItem): Promise<void>;
  /**
   * Opens a path from the recent list again: a folder as its listing, a file as a listing of that
   * one file. Only paths on the host's own recent list are accepted. null where the host cannot
   * reach paths by name (the browser: the user has to pick the folder again).
   */
  reopenRecent(path: string): Promise<FolderListing | null>;
  /**
   * Electron only (optional): grant the files a study table lists. `tablePath` must be a table the
   * user picked in a dialog (or reopened from the recent list as one); each path must appear in the
   * table's text, be a study file type (.nii, .nii.gz, .hdr/.img, .tsv/.csv/.txt, .json) and a
   * regular file. Returns the paths refused, each with the reason.
   */
  grantTableFiles?(tablePath: string, paths: string[]): Promise<{ path: string; reason: string }[]>;
  /** The demo study cached from an earlier start (Electron user-data folder), or null. */
  loadDemo(): Promise<FolderListing | null>;
  /** Cache the generated demo study; returns its listing. */
  storeDemo(files: DemoFile[]): Promise<FolderListing>;
  /**
   * Browser mode (optional): list the demo study before its files exist, so it can open on its
   * first measure while the others are still being generated. A read of a listed file waits until
   * `add` hands it over.
   */
  streamDemo?(relPaths: string[]): DemoStream;
  /** Menu items and other host-side triggers run registered commands by id. Returns an unsubscribe. */
  onCommand(listener: (commandId: string) => void): () => void;
  /** Files given on the command line or dropped on the dock icon. Returns an unsubscribe. */
  onOpenPaths(listener: (files: FileRef[]) => void): () => void;
  /** Keep the scene JSON for crash recovery: the user-data folder (Electron, atomically) or IndexedDB (browser). */
  autosave?(sceneJson: string): Promise<void>;
  /** The autosaved scene JSON if the last run did not exit cleanly (handed out once), else null. */
  recoverAutosave?(): Promise<string | null>;
  /**
   * Electron only (optional): the command registry's titles and keys for the menu's commands, so
   * the native menu is built from the registry (shared/ipc/menu.ts). Browser mode has no menu.
   */
  setMenu?(entries: MenuEntry[]): Promise<void>;
}

/** Caps the hosts enforce before reading. */
export const HOST_LIMITS = {
  /** Largest file a host will read into memory (bytes). NIfTI voxel data is capped at 2 GiB separately. */
  maxFileBytes: 2 * 1024 * 1024 * 1024,
  /** Largest number of files listed under one folder. */
  maxFolderFiles: 20_000,
} as const;
