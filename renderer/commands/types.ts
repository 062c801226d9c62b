import type { HostApi } from '../../shared/ipc/host';
import type { AppState, AppStore } from '../store';

/** What the engine offers commands that need files or pixels (absent in store tests). */
export interface EngineApi {
  openFiles(refs: { path: string; name: string; size: number }[]): Promise<void>;
  /** PNG bytes of the main view, or null when nothing is drawn. */
  snapshotPng(): Promise<Uint8Array | null>;
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
