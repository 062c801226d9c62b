/**
 * Loads files into the app: bytes from the host, parsing in the worker, buffers into the
 * volume cache, metadata into the scene. Every failure becomes a banner naming the file.
 */
import type { FileRef, HostApi } from '../../shared/ipc/host';
import { addLayer, setCrosshair, templateLayer } from '../../shared/scene';
import { makeAtlas, parseLabelTable } from '../../shared/atlas';
import { actions, type AppStore } from '../store';
import type { EngineApi, Snapshot, ViewCameras } from '../commands';
import { ParseClient } from './parseClient';
import type { VolumeCache } from './volumeCache';
import type { StudyData } from './studyData';
import { layerFromVolume } from './layerFromVolume';
import { openAtlasFiles, openBundledAtlas } from './atlasOpen';
import { isImageName, isLabelTableName, pairAtlasFiles } from '../../shared/atlas';

export const BUNDLED = {
  template: 'template_ch2.nii.gz',
  atlas: 'atlas_aal.nii.gz',
  atlasLabels: 'atlas_aal.txt',
};

export interface Engine extends EngineApi {
  /** Adds a bundled atlas other than AAL (Brodmann areas) as a layer. */
  openBundledAtlas(which: 'brodmann'): Promise<void>;
  start(): Promise<void>;
  /**
   * The shown workspace registers what File > Export saves; the returned function unregisters it
   * (only if it is still the current one, so a late unmount cannot clear the next workspace's).
   */
  setSnapshotSource(fn: () => Promise<Snapshot | null>): () => void;
  /** A 3D view says where its camera is (read when the user adds it to a figure); same unregistering. */
  setCameraSource<K extends keyof ViewCameras>(kind: K, fn: () => ViewCameras[K] | null): () => void;
}

export function createEngine(store: AppStore, host: HostApi, parts: { volumes: VolumeCache; study: StudyData }): Engine {
  const { volumes: volumeCache, study } = parts;
  const parser = new ParseClient();
  let nextId = 1;
  let snapshot: (() => Promise<Snapshot | null>) | null = null;
  const cameras: { [K in keyof ViewCameras]?: () => ViewCameras[K] | null } = {};
  let started: Promise<void> | null = null;

  // Keep buffers only for layers the scene or its undo history can still show.
  store.subscribe((s, prev) => {
    if (s.scene === prev.scene && s.past === prev.past && s.future === prev.future) return;
    const keep = new Set<string>();
    for (const sc of [s.scene, ...s.past, ...s.future]) for (const l of sc.layers) keep.add(l.id);
    volumeCache.prune(keep);
  });

  async function fetchBytes(url: string): Promise<ArrayBuffer> {
    const r = await fetch(url);
    if (!r.ok) throw new Error(`${url}: the bundled file is missing (HTTP ${r.status})`);
    return r.arrayBuffer();
  }

  async function loadBundled(): Promise<void> {
    actions.setProgress(store, { label: 'Loading the template and atlas', fraction: null });
    try {
      const [tBytes, aBytes, labelText] = await Promise.all([
        fetchBytes(`./${BUNDLED.template}`),
        fetchBytes(`./${BUNDLED.atlas}`),
        fetchBytes(`./${BUNDLED.atlasLabels}`).then((b) => new TextDecoder().decode(b)),
      ]);
      const [t, a] = await Promise.all([
        parser.parse(BUNDLED.template, tBytes.slice(0), false),
        parser.parse(BUNDLED.atlas, aBytes.slice(0), false),
      ]);
      const tid = `layer-${nextId++}`;
      const aid = `layer-${nextId++}`;
      volumeCache.set(tid, { image: t.image, displayBytes: tBytes, displayName: BUNDLED.template });
      volumeCache.set(aid, { image: a.image, displayBytes: aBytes, displayName: BUNDLED.atlas });
      const table = parseLabelTable(labelText, BUNDLED.atlasLabels);
      const aal = makeAtlas(a.image, table);
      volumeCache.setAtlas(aal);
      volumeCache.setAtlasFor(aid, aal);
      const tLayer = { ...layerFromVolume(tid, { type: 'bundled', url: BUNDLED.template }, t, null, 'template'), name: 'MNI template (ch2, 1 mm)' };
      // Start the grey window above the dark background so the brain has contrast.
      tLayer.range = { min: Math.max(t.min, 0.1 * t.max), max: t.max };
      const aLayer = { ...layerFromVolume(aid, { type: 'bundled', url: BUNDLED.atlas }, a, t.image.grid, 'atlas'), name: 'AAL atlas', opacity: 1 };
      actions.setScene(store, (s) => setCrosshair(addLayer(addLayer(s, tLayer), aLayer), [0, 0, 0]));
      store.setState({ ready: true, templateId: tid, atlasId: aid });
    } catch (e) {
      actions.reportError(store, 'Start', e instanceof Error ? e.message : String(e));
    } finally {
      actions.setProgress(store, null);
    }
  }

  async function openOne(ref: FileRef, index: number, total: number): Promise<void> {
    actions.setProgress(store, { label: `Opening ${ref.name}`, fraction: total > 1 ? index / total : null });
    let bytes: ArrayBuffer;
    try {
      bytes = await host.readFile(ref.path);
    } catch (e) {
      const msg = e instanceof Error ? e.message : String(e);
      actions.reportError(store, ref.name, msg.includes(ref.name) ? msg : `${ref.name}: ${msg}`);
      return;
    }
    try {
      const v = await parser.parse(ref.name, bytes, true);
      const template = templateLayer(store.getState().scene);
      const id = `layer-${nextId++}`;
      volumeCache.set(id, { image: v.image, displayBytes: v.displayBytes!, displayName: safeName(ref.name) });
      const layer = layerFromVolume(id, { type: 'file', path: ref.path }, v, template?.grid ?? null);
      if (v.nonFinite > 0 && !layer.warnings.some((w) => /NaN|Inf/i.test(w))) layer.warnings.push(`${v.nonFinite} voxels are not numbers (NaN/Inf); shown as empty`);
      actions.editScene(store, (s) => addLayer(s, layer));
      actions.select(store, id);
      void host.addRecent({ kind: 'map', path: ref.path, label: ref.name, openedAt: new Date().toISOString() }).catch(() => undefined);
    } catch (e) {
      actions.reportError(store, ref.name, e instanceof Error ? e.message : String(e));
    }
  }

  return {
    volumes: volumeCache,
    study,
    start() {
      started ??= loadBundled();
      return started;
    },
    async openFiles(refs) {
      await (started ?? Promise.resolve());
      try {
        // An image with its label table (chosen or dropped together) opens as an atlas layer.
        const { atlases, rest } = pairAtlasFiles(refs, (r) => r.name);
        const deps = { store, host, parser, volumes: volumeCache, newId: () => `layer-${nextId++}` };
        for (const a of atlases) await openAtlasFiles(deps, a.image, a.labels);
        // A label table alone names nothing: say what it needs instead of failing to read it as an image.
        const lone = rest.filter((r) => isLabelTableName(r.name) && !isImageName(r.name));
        for (const r of lone) actions.reportError(store, r.name, `${r.name}: a label table opens together with its atlas image; choose or drop both files at once (e.g. atlas.nii.gz with atlas.tsv)`);
        const maps = rest.filter((r) => !lone.includes(r));
        for (let i = 0; i < maps.length; i++) await openOne(maps[i], i, maps.length);
      } finally {
        actions.setProgress(store, null);
      }
    },
    async openBundledAtlas(which) {
      await (started ?? Promise.resolve());
      await openBundledAtlas({ store, host, parser, volumes: volumeCache, newId: () => `layer-${nextId++}` }, which, fetchBytes);
    },
    async snapshotPng() {
      return snapshot ? snapshot() : null;
    },
    setSnapshotSource(fn) {
      snapshot = fn;
      return () => {
        if (snapshot === fn) snapshot = null;
      };
    },
    camera(kind) {
      return cameras[kind]?.() ?? null;
    },
    setCameraSource(kind, fn) {
      const slot = cameras as Record<string, (() => unknown) | undefined>;
      slot[kind] = fn;
      return () => {
        if (slot[kind] === fn) delete slot[kind];
      };
    },
  };
}

/** niivue picks the reader by extension; our display copies are always plain .nii. */
function safeName(name: string): string {
  return `${name.replace(/\.nii(\.gz)?$/i, '').replace(/[^\w.-]+/g, '_') || 'map'}.nii`;
}

