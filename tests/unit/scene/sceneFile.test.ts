// Scene files (issue #10 item 8): the `session` hazards of ../shared/robustness/manifest.json,
// rebuilt in ContrastScope's own scene format, each with the outcome the manifest expects.
import { describe, expect, it } from 'vitest';
import { addLayer, addSavedView, emptyScene, fileCandidates, joinPath, readSceneText, relativePath, sceneFileText, SCENE_VERSION, type Scene } from '../../../shared/scene';
import { makeLayer } from './fixtures';

function scene(): Scene {
  let s = addLayer(emptyScene(), { ...makeLayer('spmT'), source: { type: 'file', path: '/home/ana/study/maps/spmT.nii' } });
  s = addSavedView(s, { name: 'amygdala', workspace: 'viewer', view: s.view, compare: null, connectivityView: null }).scene;
  return s;
}
const SCENE_PATH = '/home/ana/study/talk.scene.json';
const text = (s: unknown) => JSON.stringify(s);
const message = (t: string) => {
  const r = readSceneText(t, 'talk.scene.json');
  return r.ok ? 'ok' : r.message;
};

describe('scene file hazards (manifest session cases)', () => {
  it('ok_relative_paths (load): paths are kept relative to the scene, and a moved folder + scene still opens', () => {
    const t = sceneFileText(scene(), SCENE_PATH);
    const r = readSceneText(t, 'talk.scene.json');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const src = r.scene.layers[0].source as { path: string; relPath?: string };
    expect(src).toEqual({ type: 'file', path: '/home/ana/study/maps/spmT.nii', relPath: 'maps/spmT.nii' });
    // The study folder moved to another disk with its scene: the old path first, then beside the scene.
    expect(fileCandidates(src, '/mnt/usb/study/talk.scene.json')).toEqual(['/home/ana/study/maps/spmT.nii', '/mnt/usb/study/maps/spmT.nii']);
    expect(relativePath('C:\\Users\\ana\\study', 'C:\\Users\\ana\\data\\x.nii')).toBe('../data/x.nii');
    expect(relativePath('C:\\a', 'D:\\b.nii')).toBeNull();
    expect(joinPath('D:\\talks\\study', '../data/x.nii')).toBe('D:\\talks\\data\\x.nii');
  });

  it('truncated (reject: damaged, JSON)', () => {
    const t = sceneFileText(scene(), SCENE_PATH);
    expect(message(t.slice(0, t.length / 2))).toBe('talk.scene.json: the scene file is damaged (not valid JSON; was it cut off while being written?)');
  });

  it('wrong_schema (reject): wrong types, 1e999 = Infinity', () => {
    const s = JSON.parse(text(scene()));
    s.layers[0].opacity = 'high';
    expect(message(text(s))).toBe('talk.scene.json: layer 1: opacity must be between 0 and 1');
    expect(message(text(scene()).replace('"zoom":1', '"zoom":1e999'))).toBe('talk.scene.json: view.zoom must be a positive number');
    expect(message('[1,2,3]')).toBe('talk.scene.json: not a scene file (expected a JSON object)');
  });

  it('future_version (reject: newer version)', () => {
    expect(message(text({ ...scene(), version: SCENE_VERSION + 1 }))).toMatch(new RegExp(`^talk\\.scene\\.json: was saved by a newer ContrastScope \\(scene version ${SCENE_VERSION + 1}`));
  });

  it('version 1 files (before relPath) migrate and open', () => {
    const r = readSceneText(text({ ...scene(), version: 1 }), 'old.scene.json');
    expect(r.ok && r.scene.version).toBe(SCENE_VERSION);
  });

  it('path_traversal (reject): UNC, device, URL and NUL paths are refused naming the layer', () => {
    for (const [path, why] of [
      ['\\\\evil-host\\share\\x.nii', 'network (UNC) or device path'],
      ['\\\\?\\C:\\x.nii', 'network (UNC) or device path'],
      ['file:///etc/passwd', 'is a URL'],
      ['javascript:alert(1)', 'is a URL'],
      ['/data/x.nii\u0000.png', 'NUL byte'],
    ]) {
      const s = JSON.parse(text(scene()));
      s.layers[0].source.path = path;
      expect(message(text(s))).toContain(`talk.scene.json: layer "spmT.nii": its file path`);
      expect(message(text(s))).toContain(why);
    }
    const s = JSON.parse(text(scene()));
    s.layers[0].source.relPath = '/etc/passwd';
    expect(message(text(s))).toBe('talk.scene.json: layer "spmT.nii": its relative path "/etc/passwd" is absolute');
  });

  it('an atlas opened with its label table keeps the table path, checked like any path', () => {
    const sc = scene();
    const atlas = { ...makeLayer('ho', 'atlas'), source: { type: 'file' as const, path: '/home/ana/atlases/HO-sub.nii.gz', labelsPath: '/home/ana/atlases/HO-sub.xml' } };
    const t = sceneFileText({ ...sc, layers: [...sc.layers, atlas] }, SCENE_PATH);
    const r = readSceneText(t, 'talk.scene.json');
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.scene.layers[1].source).toEqual({ type: 'file', path: '/home/ana/atlases/HO-sub.nii.gz', relPath: '../atlases/HO-sub.nii.gz', labelsPath: '/home/ana/atlases/HO-sub.xml' });
    const bad = JSON.parse(t);
    bad.layers[1].source.labelsPath = '//evil/share/labels.xml';
    expect(message(JSON.stringify(bad))).toBe('talk.scene.json: layer "ho.nii": its file path "//evil/share/labels.xml" is a network (UNC) or device path, which a scene may not name');
  });

  it('long_strings_many_layers (reject: too many / too long / too large), deep nesting', () => {
    const many = { ...scene(), layers: Array.from({ length: 100_000 }, (_, i) => ({ ...makeLayer(`m${i}`) })) };
    expect(message(text(many))).toMatch(/^talk\.scene\.json: (the scene file is too large|too many entries in one list \(100000; at most 1000\))/);
    expect(message(text({ ...scene(), views: Array.from({ length: 5000 }, () => 1) }))).toBe('talk.scene.json: too many entries in one list (5000; at most 1000)');
    const long = JSON.parse(text(scene()));
    long.layers[0].name = 'x'.repeat(5_000_000);
    expect(message(text(long))).toBe('talk.scene.json: a text in the scene is too long (5000000 characters; at most 4096)');
    // The size cap comes before parsing.
    expect(message(`{"pad":"${' '.repeat(17 * 1024 ** 2)}"}`)).toBe('talk.scene.json: the scene file is too large (17.0 MiB; a scene is at most 16 MiB)');
    long.layers[0].name = 'x'.repeat(100_000);
    expect(message(text(long))).toBe('talk.scene.json: a text in the scene is too long (100000 characters; at most 4096)');
    // JSON.stringify itself would overflow at this depth: write the text by hand.
    const deepText = text(scene()).replace(/}$/, `,"x":${'{"x":'.repeat(100_000)}1${'}'.repeat(100_000)}}`);
    expect(message(deepText)).toMatch(/^talk\.scene\.json: (the scene is nested too deeply \(more than 32 levels\)|the scene file is damaged)/);
  });

  it('proto_pollution (load): __proto__ and constructor keys are dropped; Object.prototype is untouched', () => {
    const t = text(scene()).replace('{"version"', '{"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}},"version"').replace('"visible":true', '"__proto__":{"isAdmin":true},"visible":true');
    const r = readSceneText(t, 'talk.scene.json');
    expect(r.ok).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(r.ok && Object.getPrototypeOf(r.scene.layers[0])).toBe(Object.prototype);
    expect(r.ok && (r.scene.layers[0] as unknown as Record<string, unknown>).isAdmin).toBeUndefined();
  });
});
