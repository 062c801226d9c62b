import { describe, expect, it } from 'vitest';
import { addLayer, updateLayer } from '../../shared/scene';
import { actions, createAppStore, selectAtlasVisible } from '../../renderer/store';
import { makeLayer } from '../unit/scene/fixtures';

describe('app store', () => {
  it('keeps at most 100 undo steps', () => {
    const store = createAppStore();
    actions.setScene(store, (s) => addLayer(s, makeLayer('a')));
    for (let i = 0; i < 120; i++) actions.editScene(store, (s) => updateLayer(s, 'a', { opacity: (i % 10) / 10 + 0.05 }));
    expect(store.getState().past).toHaveLength(100);
  });

  it('ignores edits that change nothing', () => {
    const store = createAppStore();
    actions.editScene(store, (s) => s);
    expect(store.getState().past).toHaveLength(0);
  });

  it('errors are listed and dismissed one by one, newest kept', () => {
    const store = createAppStore();
    for (let i = 0; i < 10; i++) actions.reportError(store, `f${i}.nii`, `f${i}.nii: bad`);
    const errs = store.getState().errors;
    expect(errs).toHaveLength(8);
    expect(errs[0].subject).toBe('f2.nii');
    actions.dismissError(store, errs[0].id);
    expect(store.getState().errors.map((e) => e.subject)).not.toContain('f2.nii');
  });

  it('knows whether the atlas is visible', () => {
    const store = createAppStore();
    expect(selectAtlasVisible(store.getState())).toBe(false);
    actions.setScene(store, (s) => addLayer(s, makeLayer('atl', 'atlas')));
    expect(selectAtlasVisible(store.getState())).toBe(true);
  });
});
