// File > Open scene: the display of open layers, the view and the saved views come back; layers
// whose files are not open are named; a bad file ends in a message naming it, the scene untouched.
import { describe, expect, it } from 'vitest';
import { createRegistry, type CommandContext } from '../../renderer/commands';
import { createAppStore } from '../../renderer/store';
import { addLayer, addSavedView, emptyScene, type Scene } from '../../shared/scene';
import type { HostApi } from '../../shared/ipc/host';
import { makeLayer } from '../unit/scene/fixtures';

function hostWith(text: string): HostApi {
  return {
    openFiles: async () => [{ path: '/talks/lab.scene.json', name: 'lab.scene.json', size: text.length }],
    readFile: async () => new TextEncoder().encode(text),
  } as unknown as HostApi;
}

function setup(text: string) {
  const store = createAppStore();
  store.setState({ scene: addLayer(emptyScene(), makeLayer('spmT')) });
  const registry = createRegistry();
  const ctx: CommandContext = { store, host: hostWith(text), engine: null };
  return { store, run: () => registry.run('file.openScene', ctx) };
}

describe('File > Open scene', () => {
  it('restores layer display, the view and the saved views, and names files that are not open', async () => {
    let saved: Scene = addLayer(addLayer(emptyScene(), { ...makeLayer('spmT'), opacity: 0.4, thresholds: { pos: 4.5, neg: null } }), makeLayer('elsewhere'));
    saved = { ...saved, view: { ...saved.view, crosshairMm: [24, -4, -18], sliceType: 'axial' } };
    saved = addSavedView(saved, { name: 'amygdala', workspace: 'viewer', view: saved.view, compare: null, connectivityView: null }).scene;
    const { store, run } = setup(JSON.stringify(saved));
    expect(await run()).toBe(true);
    const s = store.getState();
    expect(s.scene.layers).toHaveLength(1);
    expect(s.scene.layers[0]).toMatchObject({ id: 'spmT', opacity: 0.4, thresholds: { pos: 4.5, neg: null } });
    expect(s.scene.view).toMatchObject({ sliceType: 'axial', crosshairMm: [24, -4, -18] });
    expect(s.scene.views.map((v) => v.name)).toEqual(['amygdala']);
    expect(s.notices.at(-1)?.message).toBe('Open these files to see them: elsewhere.nii');
    // Undo goes back to the scene before opening.
    await createRegistry().run('edit.undo', { store, host: null, engine: null });
    expect(store.getState().scene.views).toEqual([]);
  });

  it('a damaged scene file is refused with its name and the problem; nothing changes', async () => {
    const { store, run } = setup('{"version": 1, "layers": [], "view": {"sliceType": "axial", "radiological": false, "crosshairMm": [0, 0, 0], "zoom": 1}, "views": [{"id": "v1", "name": "x", "workspace": "slides"}]}');
    const before = store.getState().scene;
    expect(await run()).toBe(false);
    expect(store.getState().errors.at(-1)?.message).toBe('lab.scene.json: saved view 1: has an unknown workspace "slides"');
    expect(store.getState().scene).toBe(before);
  });

  it('goes through the scene file checks: an oversized file and a UNC path are refused by name', async () => {
    const big = setup(`{"pad":"${' '.repeat(17 * 1024 ** 2)}"}`);
    expect(await big.run()).toBe(false);
    expect(big.store.getState().errors.at(-1)?.message).toBe('lab.scene.json: the scene file is too large (17.0 MiB; a scene is at most 16 MiB)');
    const unc = addLayer(emptyScene(), { ...makeLayer('spmT'), source: { type: 'file', path: '\\\\host\\share\\spmT.nii' } });
    const bad = setup(JSON.stringify(unc));
    expect(await bad.run()).toBe(false);
    expect(bad.store.getState().errors.at(-1)?.message).toMatch(/^lab\.scene\.json: layer "spmT\.nii": its file path .* network \(UNC\)/);
  });
});
