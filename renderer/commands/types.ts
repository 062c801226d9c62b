import type { HostApi } from '../../shared/ipc/host';
import type { ConnectomeCamera, RenderCamera } from '../../shared/figure/schema';
import type { Scene } from '../../shared/scene';
import type { AppState, AppStore } from '../store';
import type { StudyData } from '../engine/studyData';
import type { VolumeCache } from '../engine/volumeCache';

/** A picture of what the workspace shows, and the file name it is offered under. */
export interface Snapshot {
  png: Uint8Array;
  fileName: string;
}

/** The 3D cameras "Add to figure" keeps: niivue's render (with its clip plane) and the connectome scene's. */
export interface ViewCameras {
  render: { camera: RenderCamera; clipPlane: [number, number, number] | null };
  connectome: ConnectomeCamera;
}

/** What the engine offers commands that need files or pixels (absent in store tests). */
export interface EngineApi {
  openFiles(refs: { path: string; name: string; size: number }[]): Promise<void>;
  /** Adds a bundled atlas besides AAL as a layer (Brodmann areas). */
  openBundledAtlas?(which: 'brodmann'): Promise<void>;
  /** The shown workspace's picture (the viewer pane, or the compare figure), or null when nothing is drawn. */
  snapshotPng(): Promise<Snapshot | null>;
  /** The camera of the shown 3D view of that kind (its view registers it), or null. */
  camera?<K extends keyof ViewCameras>(kind: K): ViewCameras[K] | null;
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
  /**
   * How undo captures the command (default 'never'): 'now' records one step when it changes the
   * scene; 'gesture' records one step per gesture (a slider drag: registry.beginGesture on
   * pointerdown, endGesture on pointerup), or one step per run outside a gesture (keyboard);
   * 'never' is not undone (camera moves, the crosshair, workspace switches).
   */
  capture?: Capture;
  /** false hides commands that only make sense with arguments (e.g. from a panel control). */
  palette?: boolean;
  /** Returns what to change (the registry applies and records it), or changes nothing itself. */
  perform(ctx: CommandContext, args?: unknown): Patch | void | Promise<Patch | void>;
}

export type Capture = 'now' | 'gesture' | 'never';

/** A command's change: the registry applies it as one store update, then records it by `capture`. */
export interface Patch {
  /** the new scene from the current one (the undoable document) */
  scene?: (s: Scene) => Scene;
  /** state outside the scene (runtime results, selection, workspace); never undone */
  state?: Partial<Omit<AppState, 'scene' | 'past' | 'future'>>;
  /** work to do once the change is in the store (e.g. load the maps of a chosen measure) */
  after?: () => Promise<void> | void;
}
