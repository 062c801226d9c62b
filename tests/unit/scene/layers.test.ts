import { describe, expect, it } from 'vitest';
import { addLayer, emptyScene, moveLayer, removeLayer, updateLayer } from '../../../shared/scene';
import { makeLayer } from './fixtures';

const base = () => ['t', 'a', 'b', 'c'].reduce((s, id) => addLayer(s, makeLayer(id, id === 't' ? 'template' : 'stat', id === 'c' ? 4 : 1)), emptyScene());

describe('layer list edits', () => {
  it('adds in drawing order and refuses duplicate ids', () => {
    const s = base();
    expect(s.layers.map((l) => l.id)).toEqual(['t', 'a', 'b', 'c']);
    expect(() => addLayer(s, makeLayer('a'))).toThrow(/already exists/);
  });

  it('moves up and down but never below the template', () => {
    const s = base();
    expect(moveLayer(s, 'a', 'up').layers.map((l) => l.id)).toEqual(['t', 'b', 'a', 'c']);
    expect(moveLayer(s, 'c', 'down').layers.map((l) => l.id)).toEqual(['t', 'a', 'c', 'b']);
    expect(moveLayer(s, 'a', 'down')).toBe(s);
    expect(moveLayer(s, 'c', 'up')).toBe(s);
    expect(moveLayer(s, 't', 'up')).toBe(s);
  });

  it('removes by id and leaves the input untouched', () => {
    const s = base();
    const r = removeLayer(s, 'b');
    expect(r.layers.map((l) => l.id)).toEqual(['t', 'a', 'c']);
    expect(s.layers).toHaveLength(4);
    expect(removeLayer(s, 'nope')).toBe(s);
  });

  it('clamps opacity and frame', () => {
    const s = base();
    const a = updateLayer(s, 'c', { opacity: 1.7, frame: 9 }).layers[3];
    expect(a.opacity).toBe(1);
    expect(a.frame).toBe(3);
    const b = updateLayer(s, 'c', { opacity: -1, frame: 1.6 }).layers[3];
    expect(b.opacity).toBe(0);
    expect(b.frame).toBe(2);
    expect(updateLayer(s, 'a', { frame: 2 }).layers[1].frame).toBe(0);
  });
});
