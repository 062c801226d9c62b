import { describe, expect, it } from 'vitest';
import { addLayer } from '../../shared/scene';
import { createRegistry, type CommandContext } from '../../renderer/commands';
import { actions, createAppStore } from '../../renderer/store';
import { eventMatches } from '../../renderer/commands/keys';
import { makeLayer } from '../unit/scene/fixtures';

function setup() {
  const store = createAppStore();
  actions.setScene(store, (s) => ['t', 'a', 'b'].reduce((sc, id) => addLayer(sc, makeLayer(id, id === 't' ? 'template' : 'stat')), s));
  const registry = createRegistry();
  const ctx: CommandContext = { store, host: null, engine: null };
  return { store, registry, ctx, run: (id: string, args?: unknown) => registry.run(id, ctx, args) };
}

describe('command registry', () => {
  it('has the ids Electron menus send', () => {
    const { registry } = setup();
    for (const id of ['file.openMap', 'file.openStudyFolder', 'file.openStudyTable', 'file.saveScene', 'file.export', 'view.axial', 'view.coronal', 'view.sagittal', 'view.multiplanar', 'view.render3d', 'view.toggleRadiological', 'view.toggleAtlas', 'view.fullscreen', 'edit.undo', 'edit.redo']) {
      expect(registry.get(id), id).toBeDefined();
    }
  });

  it('view commands change the view and are not undo steps', async () => {
    const { store, run } = setup();
    await run('view.axial');
    await run('view.toggleRadiological');
    expect(store.getState().scene.view).toMatchObject({ sliceType: 'axial', radiological: true });
    expect(store.getState().past).toHaveLength(0);
  });

  it('goes to coordinates typed as in papers, and explains bad input', async () => {
    const { store, run } = setup();
    expect(await run('view.gotoMm', { text: '(-24, -4, -18)' })).toBe(true);
    expect(store.getState().scene.view.crosshairMm).toEqual([-24, -4, -18]);
    expect(await run('view.gotoMm', { text: 'amygdala' })).toBe(false);
    expect(store.getState().errors.at(-1)?.message).toMatch(/"amygdala" is not a coordinate/);
    expect(store.getState().scene.view.crosshairMm).toEqual([-24, -4, -18]);
  });

  it('records layer edits for undo and redo', async () => {
    const { store, run } = setup();
    await run('layer.setDisplay', { id: 'a', patch: { thresholds: { pos: 4, neg: -4 } } });
    await run('layer.moveUp', { id: 'a' });
    expect(store.getState().scene.layers.map((l) => l.id)).toEqual(['t', 'b', 'a']);
    expect(store.getState().past).toHaveLength(2);
    await run('edit.undo');
    expect(store.getState().scene.layers.map((l) => l.id)).toEqual(['t', 'a', 'b']);
    expect(store.getState().scene.layers[1].thresholds).toEqual({ pos: 4, neg: -4 });
    await run('edit.undo');
    expect(store.getState().scene.layers[1].thresholds).toEqual({ pos: 3.1, neg: -3.1 });
    expect(await run('edit.undo')).toBe(false); // nothing left: `when` blocks it
    await run('edit.redo');
    expect(store.getState().scene.layers[1].thresholds).toEqual({ pos: 4, neg: -4 });
    // A new edit clears the redo stack.
    await run('layer.toggleVisible', { id: 'b' });
    expect(store.getState().future).toHaveLength(0);
  });

  it('undo keeps the crosshair where the user is', async () => {
    const { store, run } = setup();
    await run('layer.setDisplay', { id: 'a', patch: { opacity: 0.5 } });
    await run('view.setCrosshair', { mm: [10, 20, 30] });
    await run('edit.undo');
    expect(store.getState().scene.layers[1].opacity).toBe(1);
    expect(store.getState().scene.view.crosshairMm).toEqual([10, 20, 30]);
  });

  it('refuses to remove the template, removes other layers and clears the selection', async () => {
    const { store, run } = setup();
    expect(await run('layer.remove', { id: 't' })).toBe(false);
    expect(store.getState().errors.at(-1)?.message).toMatch(/template/);
    actions.select(store, 'b');
    await run('layer.remove');
    expect(store.getState().scene.layers.map((l) => l.id)).toEqual(['t', 'a']);
    expect(store.getState().selectedLayerId).toBeNull();
  });

  it('toggles the atlas layer and reports unknown commands as errors', async () => {
    const { store, run } = setup();
    actions.setScene(store, (s) => addLayer(s, makeLayer('atlas', 'atlas')));
    await run('view.toggleAtlas');
    expect(store.getState().scene.layers.find((l) => l.id === 'atlas')?.visible).toBe(false);
    expect(await run('no.such.command')).toBe(false);
    expect(store.getState().errors.at(-1)?.message).toBe('There is no command "no.such.command"');
  });

  it('file commands say plainly when there is no host', async () => {
    const { store, run } = setup();
    expect(await run('file.saveScene')).toBe(false);
    expect(store.getState().errors.at(-1)).toMatchObject({ subject: 'File: Save scene…', message: expect.stringMatching(/no host/) });
  });

  it('saves the scene through the host as JSON that validates', async () => {
    const { store, registry } = setup();
    let saved = '';
    const host = { saveFile: async (_n: string, data: string) => ((saved = data), { saved: true }) } as unknown as CommandContext['host'];
    await registry.run('file.saveScene', { store, host, engine: null });
    const { parseSceneJson } = await import('../../shared/scene');
    const r = parseSceneJson(saved, 'x.json');
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.scene.layers.map((l) => l.id)).toEqual(['t', 'a', 'b']);
  });

  it('in Electron asks where first, so each map is stored relative to the scene as well (relPath)', async () => {
    const { store, registry } = setup();
    const writes: [string, string][] = [];
    const host = {
      pickSavePath: async () => '/data/scenes/mdma.scene.json',
      saveChosen: async (path: string, data: string) => (writes.push([path, data]), { saved: true, path }),
      saveFile: async () => {
        throw new Error('saveFile is not used when the host can pick first');
      },
    } as unknown as CommandContext['host'];
    expect(await registry.run('file.saveScene', { store, host, engine: null })).toBe(true);
    expect(writes.map((w) => w[0])).toEqual(['/data/scenes/mdma.scene.json']);
    const saved = JSON.parse(writes[0][1]) as { layers: { source: { path: string; relPath?: string } }[] };
    expect(saved.layers.map((l) => l.source)).toEqual([
      { type: 'file', path: '/data/t.nii', relPath: '../t.nii' },
      { type: 'file', path: '/data/a.nii', relPath: '../a.nii' },
      { type: 'file', path: '/data/b.nii', relPath: '../b.nii' },
    ]);
    expect(store.getState().notices.at(-1)?.message).toBe('Scene saved to /data/scenes/mdma.scene.json');
  });

  it('a cancelled Electron save dialog writes nothing', async () => {
    const { store, registry } = setup();
    let wrote = false;
    const host = { pickSavePath: async () => null, saveChosen: async () => ((wrote = true), { saved: true }) } as unknown as CommandContext['host'];
    expect(await registry.run('file.saveScene', { store, host, engine: null })).toBe(true);
    expect(wrote).toBe(false);
  });
});

describe('keybindings', () => {
  const ev = (key: string, mods: Partial<Record<'ctrlKey' | 'metaKey' | 'shiftKey' | 'altKey', boolean>> = {}) => ({ key, ctrlKey: false, metaKey: false, shiftKey: false, altKey: false, ...mods });
  it('maps Mod to Ctrl off macOS and Cmd on macOS', () => {
    expect(eventMatches('Mod+Shift+p', ev('P', { ctrlKey: true, shiftKey: true }), false)).toBe(true);
    expect(eventMatches('Mod+Shift+p', ev('P', { metaKey: true, shiftKey: true }), true)).toBe(true);
    expect(eventMatches('Mod+Shift+p', ev('p', { ctrlKey: true }), false)).toBe(false);
    expect(eventMatches('1', ev('1'), false)).toBe(true);
    expect(eventMatches('1', ev('1', { ctrlKey: true }), false)).toBe(false);
    expect(eventMatches('Mod+z', ev('z', { ctrlKey: true, shiftKey: true }), false)).toBe(false);
  });
});
