/** Study side of start-up: watch group maps, read the recent list, open the demo. */
import type { FileRef, HostApi } from '../../shared/ipc/host';
import type { AppStore } from '../store';
import type { StudyData } from './studyData';
import type { VolumeCache } from './volumeCache';
import { openDemoStudy } from './studyDemo';
import { refreshRecent, routeOpenedFiles, watchGroupMaps } from './studyOpen';

export interface StudyStartContext {
  store: AppStore;
  host: HostApi;
  engine: { start(): Promise<void>; openFiles(refs: FileRef[]): Promise<void>; readonly study: StudyData; readonly volumes: VolumeCache };
}

/** Returns the handler for files the host hands over (drop, command line, Open Recent). */
export function startStudies(ctx: StudyStartContext): (files: FileRef[]) => void {
  watchGroupMaps(ctx, ctx.engine.volumes);
  void refreshRecent(ctx);
  // Opened maps land in the recent list too (the engine records them): refresh when layers are added.
  ctx.store.subscribe((s, prev) => {
    if (s.scene.layers.length > prev.scene.layers.length) void refreshRecent(ctx);
  });
  // The template first (the viewer is usable at once), then the demo study.
  void ctx.engine.start().then(() => openDemoStudy(ctx));
  return (files) => void routeOpenedFiles(ctx, files);
}
