import { fileCandidates, mergeSavedScene, sceneFileText, type Scene } from '../../shared/scene';
import { parseSceneFile } from '../engine/sceneParse';
import { actions } from '../store';
import type { Command, CommandContext } from './types';

const NIFTI = { name: 'NIfTI images', extensions: ['nii', 'nii.gz', 'gz'] };

function needHost(ctx: CommandContext) {
  if (!ctx.host) throw new Error('Files cannot be opened here (no host)');
  return ctx.host;
}

export const fileCommands: Command[] = [
  {
    id: 'file.openMap',
    title: 'File: Open map…',
    keybinding: 'Mod+o',
    perform: async (ctx) => {
      const refs = await needHost(ctx).openFiles({ title: 'Open statistic maps', filters: [NIFTI], multiple: true });
      if (refs.length && ctx.engine) await ctx.engine.openFiles(refs);
    },
  },
  {
    id: 'file.saveScene',
    title: 'File: Save scene…',
    keybinding: 'Mod+s',
    perform: async (ctx) => {
      const host = needHost(ctx);
      const name = 'contrastscope.scene.json';
      const options = { title: 'Save scene', filters: [{ name: 'Scene', extensions: ['json'] }] };
      let r;
      if (host.pickSavePath && host.saveChosen) {
        // Where the scene goes decides each map's path relative to it (relPath), so ask first.
        const path = await host.pickSavePath(name, options);
        if (path === null) return;
        r = await host.saveChosen(path, sceneFileText(ctx.store.getState().scene, path));
      } else {
        // Browser mode: a download has no folder, so maps keep only their own paths.
        r = await host.saveFile(name, sceneFileText(ctx.store.getState().scene, null), options);
      }
      if (r.saved) actions.notify(ctx.store, `Scene saved${r.path ? ` to ${r.path}` : ''}`);
    },
  },
  {
    id: 'file.openScene',
    title: 'File: Open scene…',
    capture: 'now',
    perform: async (ctx) => {
      const host = needHost(ctx);
      const [ref] = await host.openFiles({ title: 'Open scene', filters: [{ name: 'Scene', extensions: ['json'] }] });
      if (!ref) return;
      const r = await parseSceneFile(await host.readFile(ref.path), ref.name);
      if (!r.ok) throw new Error(r.message);
      mergeSceneFile(ctx, await reopenFiles(ctx, r.scene, ref.path));
    },
  },
  {
    id: 'file.locateMissing',
    title: 'File: Locate a missing file…',
    capture: 'now',
    // args: { path } of a layer in missingFiles. The picked file gets that layer's saved settings.
    perform: async (ctx, args) => {
      const want = (args as { path?: string } | undefined)?.path;
      const lost = ctx.store.getState().missingFiles.find((l) => l.source.type === 'file' && l.source.path === want);
      if (!lost) return;
      const [ref] = await needHost(ctx).openFiles({ title: `Locate ${lost.name}`, filters: [NIFTI], multiple: false });
      if (!ref || !ctx.engine) return;
      await ctx.engine.openFiles([ref]);
      const cur = ctx.store.getState().scene;
      if (!cur.layers.some((l) => l.source.type === 'file' && l.source.path === ref.path)) return; // the engine said why
      const { scene } = mergeSavedScene(cur, { ...cur, layers: [{ ...lost, source: { type: 'file', path: ref.path } }] });
      actions.setScene(ctx.store, () => scene);
      ctx.store.setState({ missingFiles: ctx.store.getState().missingFiles.filter((l) => l !== lost) });
    },
  },
  {
    id: 'file.export',
    title: 'File: Export view as PNG (the compare figure in Compare)…',
    keybinding: 'Mod+e',
    perform: async (ctx) => {
      const snap = await ctx.engine?.snapshotPng();
      if (!snap) {
        // The connectivity figures have their own exports beside them (PNG of the 3D scene, SVG of the matrix).
        throw new Error(ctx.store.getState().workspace === 'connectivity' ? 'In Connectivity, export with the buttons beside each figure: Export SVG under the matrices, Export PNG above the 3D scene' : 'Nothing is drawn yet');
      }
      const r = await needHost(ctx).saveFile(snap.fileName, snap.png, { title: 'Export view', filters: [{ name: 'PNG image', extensions: ['png'] }] });
      if (r.saved) actions.notify(ctx.store, `View exported${r.path ? ` to ${r.path}` : ''}`);
    },
  },
];

/**
 * Opens the scene's files that are not open yet: at their saved path, else beside the scene by
 * their relative path (a study folder moved with its scene). Returns the scene with the paths found.
 */
async function reopenFiles(ctx: CommandContext, saved: Scene, scenePath: string): Promise<Scene> {
  const host = ctx.host;
  if (!host || !ctx.engine) return saved;
  const open = new Set(ctx.store.getState().scene.layers.map((l) => (l.source.type === 'file' ? l.source.path : '')));
  const layers = [];
  for (const l of saved.layers) {
    let found = l;
    if (l.source.type === 'file' && !open.has(l.source.path)) {
      for (const path of fileCandidates(l.source, scenePath)) {
        const ok = await host.readFile(path).then(() => true, () => false);
        if (!ok) continue;
        // An atlas opened with its label table reopens with it (the engine pairs the two).
        const labels = l.kind === 'atlas' && l.source.labelsPath ? [{ path: l.source.labelsPath, name: l.source.labelsPath.split(/[\\/]/).pop() || l.source.labelsPath, size: 0 }] : [];
        await ctx.engine.openFiles([{ path, name: path.split(/[\\/]/).pop() || path, size: 0 }, ...labels]);
        found = { ...l, source: { ...l.source, path } };
        break;
      }
    }
    layers.push(found);
  }
  return { ...saved, layers };
}

/**
 * A saved scene names files by path; their bytes are not in it. The view and the display of
 * layers that are open (same source) are restored; missing files are named.
 */
function mergeSceneFile(ctx: CommandContext, saved: Scene): void {
  const { scene, missing } = mergeSavedScene(ctx.store.getState().scene, saved);
  actions.setScene(ctx.store, () => scene);
  ctx.store.setState({ activeViewId: null });
  ctx.store.setState({ missingFiles: missing });
  if (missing.length) actions.notify(ctx.store, `Open these files to see them: ${missing.map((l) => l.name).join(', ')}`);
}
