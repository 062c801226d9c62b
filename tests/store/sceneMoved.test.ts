// Issue #10 item 8: a study folder moved together with its scene still opens (the file is found
// by its path relative to the scene); a file found nowhere is named.
import { describe, expect, it } from 'vitest';
import { createRegistry, type CommandContext } from '../../renderer/commands';
import { actions, createAppStore } from '../../renderer/store';
import { addLayer, emptyScene, sceneFileText } from '../../shared/scene';
import type { FileRef, HostApi } from '../../shared/ipc/host';
import { makeLayer } from '../unit/scene/fixtures';

describe('Open scene after the study folder moved', () => {
  it('opens the map beside the moved scene by its relative path, with its saved settings', async () => {
    let saved = addLayer(emptyScene(), { ...makeLayer('spmT'), opacity: 0.3, source: { type: 'file', path: '/home/ana/study/maps/spmT.nii' } });
    saved = addLayer(saved, { ...makeLayer('lost'), source: { type: 'file', path: '/home/ana/elsewhere/lost.nii' } });
    // Written at /home/ana/study/talk.scene.json; the folder now lives at /mnt/usb/study.
    const text = sceneFileText(saved, '/home/ana/study/talk.scene.json');
    const readable = new Set(['/mnt/usb/study/talk.scene.json', '/mnt/usb/study/maps/spmT.nii']);
    const host = {
      openFiles: async () => [{ path: '/mnt/usb/study/talk.scene.json', name: 'talk.scene.json', size: text.length }],
      readFile: async (p: string) => {
        if (!readable.has(p)) throw new Error(`${p}: not found`);
        return p.endsWith('.json') ? new TextEncoder().encode(text).buffer : new ArrayBuffer(8);
      },
    } as unknown as HostApi;
    const store = createAppStore();
    const opened: string[] = [];
    const engine = {
      openFiles: async (refs: FileRef[]) => {
        for (const r of refs) {
          opened.push(r.path);
          actions.setScene(store, (s) => addLayer(s, { ...makeLayer(`fresh${opened.length}`), name: r.name, source: { type: 'file', path: r.path } }));
        }
      },
    };
    const ctx = { store, host, engine } as unknown as CommandContext;
    expect(await createRegistry().run('file.openScene', ctx)).toBe(true);
    expect(opened).toEqual(['/mnt/usb/study/maps/spmT.nii']);
    const layers = store.getState().scene.layers;
    expect(layers.map((l) => [l.source.type === 'file' && l.source.path, l.opacity])).toEqual([['/mnt/usb/study/maps/spmT.nii', 0.3]]);
    expect(store.getState().notices.at(-1)?.message).toBe('Open these files to see them: lost.nii');
    expect(store.getState().missingFiles.map((l) => l.name)).toEqual(['lost.nii']);

    // Locate…: the user points at the file's new place; it opens with the saved settings.
    const saved2 = JSON.parse(text).layers[1];
    const located = { ...ctx, host: { ...host, openFiles: async () => [{ path: '/mnt/usb/lost.nii', name: 'lost.nii', size: 8 }] } } as unknown as CommandContext;
    const ran = await createRegistry().run('file.locateMissing', located, { path: '/home/ana/elsewhere/lost.nii' });
    expect(ran, JSON.stringify(store.getState().errors)).toBe(true);
    const after = store.getState().scene.layers;
    expect(after.map((l) => l.source.type === 'file' && l.source.path)).toEqual(['/mnt/usb/study/maps/spmT.nii', '/mnt/usb/lost.nii']);
    expect(after[1]).toMatchObject({ opacity: saved2.opacity, thresholds: saved2.thresholds, colormap: saved2.colormap });
    expect(store.getState().missingFiles).toEqual([]);
  });
});
