/**
 * Opening studies: a folder or a study table becomes a pending import (the inferred table the
 * user confirms or corrects), Confirm makes it the open study and loads its first measure.
 * Also: routing of files handed over by the host (drop, command line, Open Recent), the recent
 * list, and notes on single group maps (stat type, dof) opened as layers.
 */
import type { FileRef, FolderListing, HostApi, RecentItem } from '../../shared/ipc/host';
import { updateLayer } from '../../shared/scene';
import type { Layer } from '../../shared/scene';
import { baseName, classifyGroupMap, dirName, importFolder, importStudyTable, niftiExtensionText } from '../../shared/study';
import { actions, shownMeasureId, type AppStore } from '../store';
import { pendingFrom, type StudySource } from '../store/study';
import type { StudyData } from './studyData';
import { confirmedImport } from './studyImport';
import type { VolumeCache } from './volumeCache';

export interface StudyOpenContext {
  store: AppStore;
  host: HostApi | null;
  /** absent in store tests that open no study */
  engine: { openFiles(refs: FileRef[]): Promise<void>; readonly study: StudyData } | null;
}

/** The study data a study is opened into. */
export function studyDataOf(ctx: StudyOpenContext): StudyData {
  if (!ctx.engine) throw new Error('Studies cannot be opened here (no engine)');
  return ctx.engine.study;
}

function needHost(ctx: StudyOpenContext): HostApi {
  if (!ctx.host) throw new Error('Files cannot be opened here (no host)');
  return ctx.host;
}

function readText(host: HostApi) {
  const decoder = new TextDecoder();
  return async (path: string) => decoder.decode(await host.readFile(path));
}

/** Infer a study from a folder listing and show its table for confirmation. */
export async function importFolderListing(ctx: StudyOpenContext, listing: FolderListing): Promise<void> {
  const host = needHost(ctx);
  actions.setProgress(ctx.store, { label: `Reading ${baseName(listing.root) || listing.root}`, fraction: null });
  try {
    const result = await importFolder(listing, readText(host));
    ctx.engine?.study.sessionSources.set(listing.root, { kind: 'folder', listing });
    ctx.store.setState({ pendingImport: pendingFrom(result, { kind: 'folder', path: listing.root, label: result.study.name }) });
  } finally {
    actions.setProgress(ctx.store, null);
  }
}

const TABLE_EXT = /\.(tsv|csv|txt)$/i;

/**
 * A study table plus (in the browser) the files picked with it. Paths in the table are relative
 * to the table; a file picked alongside with the same name stands in when the path itself is not there.
 */
export async function importTableFile(ctx: StudyOpenContext, table: FileRef, others: FileRef[]): Promise<void> {
  const host = needHost(ctx);
  const text = new TextDecoder().decode(await host.readFile(table.path));
  const byPath = new Map(others.map((f) => [f.path, f]));
  const byName = new Map(others.map((f) => [f.name, f]));
  // In the browser only picked files exist; in Electron any path may, and reading tells.
  const canTell = host.kind === 'web';
  const resolve = (p: string) => byPath.get(p) ?? byName.get(baseName(p));
  const result = importStudyTable(text, table.path, canTell ? { exists: (p) => resolve(p) !== undefined } : undefined);
  if (canTell) {
    for (const m of result.study.measures) for (const f of m.files) f.path = resolve(f.path)?.path ?? f.path;
    for (const r of result.table) r.path = resolve(r.path)?.path ?? r.path;
    // The browser's virtual folder means nothing to the user: name files as the table does.
    const folder = `${dirName(table.path)}/`;
    for (const p of result.problems) p.message = p.message.split(folder).join('');
  }
  if (host.grantTableFiles) {
    // Electron grants exactly the files the table lists (not its folder): ask for those main should open.
    const paths = new Set<string>(result.table.map((r) => r.path));
    for (const m of result.study.measures) {
      for (const f of m.files) paths.add(f.path);
      if (m.nodes) paths.add(m.nodes);
    }
    // A refusal of the whole table (not picked in a dialog) is a warning: files under a folder
    // the user opened stay readable, and the others name themselves when they fail to load.
    const refused = await host.grantTableFiles(table.path, [...paths]).catch((e: unknown) => [{ path: table.path, reason: e instanceof Error ? e.message : String(e) }]);
    for (const r of refused) result.problems.push({ severity: 'warning', kind: 'missing-file', paths: [r.path], message: r.reason });
  }
  ctx.engine?.study.sessionSources.set(table.path, { kind: 'table', table, others });
  ctx.store.setState({ pendingImport: pendingFrom(result, { kind: 'table', path: table.path, label: result.study.name }) });
}

/** Confirm: the edited table becomes the open study; its first measure starts loading. */
export async function confirmPendingImport(ctx: StudyOpenContext): Promise<void> {
  const p = ctx.store.getState().pendingImport;
  if (!p) return;
  const result = confirmedImport(p);
  studyDataOf(ctx).openStudy(result, p.source);
  const s = result.study;
  if (ctx.host && p.source.kind !== 'demo') {
    const item: RecentItem = { kind: 'study', path: p.source.path, label: s.name, openedAt: new Date().toISOString() };
    await ctx.host.addRecent(item).catch(() => undefined);
    await refreshRecent(ctx);
  }
  actions.notify(ctx.store, `${s.name}: ${s.subjects.length} subjects, ${s.conditions.length} conditions, ${s.measures.length} measures`);
  await loadActive(ctx);
}

export function cancelPendingImport(ctx: StudyOpenContext): void {
  ctx.store.setState({ pendingImport: null });
}

/** Load the active measure's maps (validates grids; the compare view then finds them ready). */
export async function loadActive(ctx: StudyOpenContext): Promise<void> {
  const s = ctx.store.getState();
  const m = s.study?.measures.find((x) => x.id === shownMeasureId(s));
  if (!m || m.kind === 'connectivity-matrix') return;
  try {
    await studyDataOf(ctx).loadMeasure(m.id);
  } catch (e) {
    actions.reportError(ctx.store, m.label, e instanceof Error ? e.message : String(e));
  }
}

export async function refreshRecent(ctx: StudyOpenContext): Promise<void> {
  if (!ctx.host) return;
  const recent = await ctx.host.getRecent().catch(() => [] as RecentItem[]);
  ctx.store.setState({ recent });
}

/**
 * Reopen a recent study or map: from this session's memory, else through the host (Electron
 * grants the path again, since it is on its own recent list; the browser cannot, and says so).
 */
export async function openRecentItem(ctx: StudyOpenContext, item: RecentItem): Promise<void> {
  const host = needHost(ctx);
  if (item.kind === 'study') {
    const known = ctx.engine?.study.sessionSources.get(item.path);
    if (known?.kind === 'folder') return importFolderListing(ctx, known.listing);
    if (known?.kind === 'table') return importTableFile(ctx, known.table, known.others);
    const listing = await host.reopenRecent(item.path);
    if (!listing) throw new Error(`${item.label}: the browser no longer has access to ${item.path}; open the study folder again.`);
    const table = listing.files.find((f) => f.path === item.path);
    return table ? importTableFile(ctx, table, []) : importFolderListing(ctx, listing);
  }
  const listing = await host.reopenRecent(item.path);
  const ref: FileRef = listing?.files.find((f) => f.path === item.path) ?? { path: item.path, name: baseName(item.path), size: 0 };
  // In the browser a map picked earlier in this session can still be read from memory.
  if (!listing) {
    await host.readFile(item.path).catch(() => {
      throw new Error(`${item.label}: ${item.path} can no longer be read; open it again with File > Open map.`);
    });
  }
  await ctx.engine?.openFiles([ref]);
}

const STUDY_NAME = /(^|[_/\\])sub-[^_]+_.*(ses|cond)-/i;

/**
 * Files from the host (drop, command line, Electron's Open Recent): a study table opens as a
 * study, a set of BIDS-named subject files as a study folder, anything else as maps.
 */
export async function routeOpenedFiles(ctx: StudyOpenContext, refs: FileRef[]): Promise<void> {
  try {
    const tables = refs.filter((r) => TABLE_EXT.test(r.name));
    for (const t of tables) {
      const head = new TextDecoder().decode((await needHost(ctx).readFile(t.path)).slice(0, 4096)).split(/\r?\n/)[0].toLowerCase();
      const cols = head.split(/[\t,;]/).map((c) => c.trim());
      if (['subject', 'condition', 'measure', 'path'].every((c) => cols.includes(c))) {
        return await importTableFile(ctx, t, refs.filter((r) => r !== t));
      }
    }
    const studyFiles = refs.filter((r) => STUDY_NAME.test(r.path));
    if (studyFiles.length >= 2) {
      return await importFolderListing(ctx, { root: commonFolder(refs.map((r) => r.path)), files: refs });
    }
    await ctx.engine?.openFiles(refs);
  } catch (e) {
    actions.reportError(ctx.store, 'Open', e instanceof Error ? e.message : String(e));
  }
}

function commonFolder(paths: string[]): string {
  let common = dirName(paths[0] ?? '');
  for (const p of paths) while (common && !p.startsWith(common.endsWith('/') ? common : `${common}/`)) common = dirName(common) === common ? '' : dirName(common);
  return common || '/';
}

/**
 * Watch for maps opened as layers and say what group statistic they hold (SPM, FSL, AFNI, header
 * intent). dof found in the file goes on the layer; a t map without it asks (see GroupMapNotes).
 */
export function watchGroupMaps(ctx: StudyOpenContext, volumes: Pick<VolumeCache, 'get'>): () => void {
  const seen = new Set<string>();
  return ctx.store.subscribe((s, prev) => {
    if (s.scene.layers === prev.scene.layers) return;
    for (const l of s.scene.layers) {
      if (seen.has(l.id) || l.source.type !== 'file') continue;
      seen.add(l.id);
      void classifyLayer(ctx, volumes, l);
    }
  });
}

async function classifyLayer(ctx: StudyOpenContext, volumes: Pick<VolumeCache, 'get'>, layer: Layer): Promise<void> {
  const v = volumes.get(layer.id);
  if (!v || layer.source.type !== 'file') return;
  const header = v.image.header;
  let ext: string | null = null;
  if (header.version === 1 && header.voxOffset > 352 && ctx.host) {
    try {
      ext = niftiExtensionText(new Uint8Array(await ctx.host.readFile(layer.source.path)), header, layer.name);
    } catch {
      ext = null;
    }
  }
  const info = classifyGroupMap(layer.name, header, ext);
  if (info.statType === null && info.software === 'unknown') return;
  ctx.store.setState({ groupMaps: { ...ctx.store.getState().groupMaps, [layer.id]: { layerId: layer.id, name: layer.name, info } } });
  const cur = ctx.store.getState().scene.layers.find((l) => l.id === layer.id);
  if (!cur) return;
  const patch: Parameters<typeof updateLayer>[2] = {};
  if (cur.dof === null && info.dof !== undefined && info.statType === 't') patch.dof = info.dof;
  if (info.frame > 0 && cur.frame === 0) patch.frame = info.frame;
  if (Object.keys(patch).length) actions.setScene(ctx.store, (sc) => updateLayer(sc, layer.id, patch));
}

/** The dof the user typed for a t map whose file does not say. */
export function setGroupMapDof(ctx: StudyOpenContext, layerId: string, dof: number): void {
  if (!(Number.isFinite(dof) && dof > 0)) throw new Error('Degrees of freedom must be a positive number');
  actions.editScene(ctx.store, (sc) => updateLayer(sc, layerId, { dof }));
}

/** For the panel: which group maps still need dof. */
export function mapsNeedingDof(ctx: { store: AppStore }): { layerId: string; name: string }[] {
  const { groupMaps, scene } = ctx.store.getState();
  return Object.values(groupMaps)
    .filter((g) => g.info.needsDof && scene.layers.find((l) => l.id === g.layerId)?.dof === null)
    .map((g) => ({ layerId: g.layerId, name: g.name }));
}

export type { StudySource };
