// Autosave (issue #10 item 7): written once, a few seconds after the last change (a fake clock,
// no real sleeps), as JSON that reads back to the same scene; recovery re-opens what can be read.
import { describe, expect, it } from 'vitest';
import { createAppStore, actions } from '../../renderer/store';
import { startAutosave, type AutosaveClock } from '../../renderer/session/autosave';
import { applyRecovery, startSession } from '../../renderer/session/recover';
import { addLayer, addSavedView, autosaveText, clockTime, emptyScene, parseAutosave, type Scene } from '../../shared/scene';
import type { FileRef, HostApi } from '../../shared/ipc/host';
import { makeLayer } from '../unit/scene/fixtures';

function fakeClock(start = Date.parse('2026-03-04T14:32:10Z')) {
  let now = start;
  let timers: { at: number; fn: () => void; id: number }[] = [];
  let next = 1;
  const clock: AutosaveClock = {
    now: () => new Date(now),
    setTimeout: (fn, ms) => {
      timers.push({ at: now + ms, fn, id: next });
      return next++;
    },
    clearTimeout: (id) => {
      timers = timers.filter((t) => t.id !== id);
    },
  };
  const advance = (ms: number) => {
    now += ms;
    const due = timers.filter((t) => t.at <= now);
    timers = timers.filter((t) => t.at > now);
    due.forEach((t) => t.fn());
  };
  return { clock, advance, pending: () => timers.length };
}

const settle = () => new Promise((r) => setTimeout(r, 0));

describe('autosave', () => {
  it('writes once, 3 s after the last of a burst of changes, with the scene as it then is', async () => {
    const store = createAppStore();
    const writes: string[] = [];
    const { clock, advance, pending } = fakeClock();
    startAutosave(store, async (t) => void writes.push(t), { delayMs: 3000, clock });
    actions.editScene(store, (s) => addLayer(s, makeLayer('spmT')));
    advance(2000);
    // A second change inside the window restarts it: a threshold drag writes once.
    actions.editScene(store, (s) => ({ ...s, layers: s.layers.map((l) => ({ ...l, opacity: 0.35 })) }));
    advance(2999);
    expect(writes).toHaveLength(0);
    advance(1);
    await settle();
    expect(writes).toHaveLength(1);
    expect(pending()).toBe(0);
    const back = parseAutosave(writes[0]);
    expect(back.ok).toBe(true);
    if (!back.ok) return;
    expect(back.autosave.savedAt).toBe('2026-03-04T14:32:15.000Z');
    expect(back.autosave.scene.layers[0]).toMatchObject({ id: 'spmT', opacity: 0.35 });
    // A state change outside the scene (a notice) does not write.
    actions.notify(store, 'hello');
    advance(10_000);
    await settle();
    expect(writes).toHaveLength(1);
  });

  it('a failing write is said once, and later writes still happen', async () => {
    const store = createAppStore();
    const errors: string[] = [];
    let fail = true;
    let ok = 0;
    const { clock, advance } = fakeClock();
    startAutosave(store, async () => {
      if (fail) throw new Error('disk full');
      ok++;
    }, { clock, onError: (m) => errors.push(m) });
    for (let i = 0; i < 2; i++) {
      actions.editScene(store, (s) => addLayer(s, makeLayer(`m${i}`)));
      advance(3000);
      await settle();
    }
    expect(errors).toEqual(['Autosave failed: disk full']);
    fail = false;
    actions.editScene(store, (s) => addLayer(s, makeLayer('m3')));
    advance(3000);
    await settle();
    expect(ok).toBe(1);
  });

  it('the autosave text round-trips views and layer settings, and damaged text says so', () => {
    let scene: Scene = addLayer(emptyScene(), { ...makeLayer('spmT'), thresholds: { pos: 4.2, neg: null } });
    scene = addSavedView(scene, { name: 'amygdala', workspace: 'viewer', view: { ...scene.view, crosshairMm: [24, -4, -18] }, compare: null, connectivityView: null }).scene;
    const r = parseAutosave(autosaveText(scene, new Date(2026, 2, 4, 14, 32)));
    expect(r.ok && r.autosave.scene).toEqual(scene);
    expect(r.ok && clockTime(r.autosave.savedAt)).toBe('14:32');
    expect(parseAutosave('{"kind":"contrastscope.autosave","savedAt":"2026-03-04T14:32:00Z","scene":{"version":1}}')).toEqual({ ok: false, message: 'the autosaved work: has no layer list' });
    expect(parseAutosave('{"kind": "contr')).toEqual({ ok: false, message: 'the autosaved work is damaged (not valid JSON)' });
  });
});

describe('recovery', () => {
  it('reads the crashed autosave before this run writes, re-opens readable files, lists the rest', async () => {
    let saved: Scene = addLayer(addLayer(emptyScene(), { ...makeLayer('here'), opacity: 0.4 }), makeLayer('gone'));
    saved = addSavedView(saved, { name: 'peak', workspace: 'viewer', view: saved.view, compare: null, connectivityView: null }).scene;
    const written: string[] = [];
    const host = {
      recoverAutosave: async () => autosaveText(saved, new Date(2026, 2, 4, 9, 5)),
      autosave: async (t: string) => void written.push(t),
    } as unknown as HostApi;
    const store = createAppStore();
    const start = await startSession(store, host, { delayMs: 10 });
    expect(start.recovery?.time).toBe('09:05');
    const opened: string[] = [];
    const engine = {
      start: async () => undefined,
      openFiles: async (refs: FileRef[]) => {
        for (const r of refs) {
          opened.push(r.path);
          // Only /data/here.nii still exists; the engine adds a fresh layer for it (a new id).
          if (r.path === '/data/here.nii') actions.setScene(store, (s) => addLayer(s, { ...makeLayer('here'), id: 'L7' }));
        }
      },
    };
    const missing = await applyRecovery(store, engine, start.recovery!);
    expect(opened).toEqual(['/data/here.nii', '/data/gone.nii']);
    expect(missing).toEqual([{ name: 'gone.nii', path: '/data/gone.nii' }]);
    const s = store.getState().scene;
    expect(s.layers.map((l) => [l.id, l.opacity])).toEqual([['L7', 0.4]]);
    expect(s.views.map((v) => v.name)).toEqual(['peak']);
    // And this run autosaves what was recovered.
    await new Promise((r) => setTimeout(r, 30));
    expect(written.length).toBeGreaterThan(0);
    start.autosave?.stop();
  });

  it('an atlas opened with its label table is reopened with that table, in a call of its own', async () => {
    const atlas = { ...makeLayer('ho', 'atlas'), source: { type: 'file' as const, path: '/atlases/HO-prob.nii.gz', labelsPath: '/atlases/HarvardOxford-Subcortical.xml' } };
    const saved: Scene = addLayer(addLayer(emptyScene(), makeLayer('map')), atlas);
    const store = createAppStore();
    const calls: string[][] = [];
    const engine = { start: async () => undefined, openFiles: async (refs: FileRef[]) => void calls.push(refs.map((r) => r.name)) };
    await applyRecovery(store, engine, { savedAt: '2026-03-04T09:05:00Z', scene: saved });
    expect(calls).toEqual([['map.nii'], ['HO-prob.nii.gz', 'HarvardOxford-Subcortical.xml']]);
  });
});
