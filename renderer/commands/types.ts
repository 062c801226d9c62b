import type { HostApi } from '../../shared/ipc/host';
import type { AppState, AppStore } from '../store';
import type { StudyData } from '../engine/studyData';
import type { VolumeCache } from '../engine/volumeCache';

/** A picture of what the workspace shows, and the file name it is offered under. */
export interface Snapshot {
  png: Uint8Array;
  fileName: string;
}

/** What the engine offers commands that need files or pixels (absent in store tests). */
export interface EngineApi {
  openFiles(refs: { path: string; name: string; size: number }[]): Promise<void>;
  /** Adds a bundled atlas besides AAL as a layer (Brodmann areas). */
  openBundledAtlas?(which: 'brodmann'): Promise<void>;
  /** The shown workspace's picture (the viewer pane, or the compare figure), or null when nothing is drawn. */
  snapshotPng(): Promise<Snapshot | null>;
  /** voxel buffers by layer id */
  readonly volumes: VolumeCache;
  /** the open study's subject maps and matrices */
  readonly study: StudyData;
}

export interface CommandContext {
  store: AppStore;
  host: HostApi | null;
  engine: EngineApi | null;
}

export interface Command {
  id: string;
  title: string;
  /** e.g. 'Mod+O', 'Shift+A', '1'. Mod is Ctrl, or Cmd on macOS. */
  keybinding?: string;
  /** Shown in the palette and runnable without arguments only when this holds. */
  when?: (s: AppState) => boolean;
  /** true: the scene before `perform` is recorded for undo when the command changes it. */
  undoable?: boolean;
  /** false hides commands that only make sense with arguments (e.g. from a panel control). */
  palette?: boolean;
  perform(ctx: CommandContext, args?: unknown): void | Promise<void>;
}
