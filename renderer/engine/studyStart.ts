/** Study side of start-up: wire the loader, watch group maps, read the recent list, open the demo. */
import type { FileRef, HostApi } from '../../shared/ipc/host';
import type { AppStore } from '../store';
import { initStudyData } from './studyData';
import { openDemoStudy } from './studyDemo';
import { refreshRecent, routeOpenedFiles, watchGroupMaps } from './studyOpen';

export interface StudyStartContext {
  store: AppStore;
  host: HostApi;
  engine: { start(): Promise<void>; openFiles(refs: FileRef[]): Promise<void> };
}

/** Returns the handler for files the host hands over (drop, command line, Open Recent). */
export function startStudies(ctx: StudyStartContext): (files: FileRef[]) => void {
  initStudyData({ store: ctx.store, host: ctx.host });
  watchGroupMaps(ctx);
  void refreshRecent(ctx);
  // Opened maps land in the recent list too (the engine records them): refresh when layers are added.
  ctx.store.subscribe((s, prev) => {
    if (s.scene.layers.length > prev.scene.layers.length) void refreshRecent(ctx);
  });
  // The template first (the viewer is usable at once), then the demo study.
  void ctx.engine.start().then(() => openDemoStudy(ctx));
  return (files) => void routeOpenedFiles(ctx, files);
}
