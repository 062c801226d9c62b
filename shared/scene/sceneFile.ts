/**
 * Scene files on disk: caps, migration between versions, and paths kept both absolute and
 * relative to the scene, so a study folder moved together with its scene still opens.
 * Pure: the renderer runs readSceneText in a worker (workers/scene.worker.ts).
 */
import type { Layer, Scene } from './types';
import { SCENE_VERSION } from './types';
import { validateScene, type SceneCheck } from './validate';

/** A scene of 1000 layers and views is well under 2 MiB; anything near this is not a scene. */
export const MAX_SCENE_BYTES = 16 * 1024 ** 2;
export const MAX_SCENE_DEPTH = 32;
export const MAX_SCENE_ITEMS = 1000;
export const MAX_SCENE_STRING = 4096;

/** Parses and checks a scene file's text: caps first, then JSON, shape, migration and validation. */
export function readSceneText(text: string, fileName: string): SceneCheck {
  const fail = (why: string): SceneCheck => ({ ok: false, message: `${fileName}: ${why}` });
  if (text.length > MAX_SCENE_BYTES) return fail(`the scene file is too large (${(text.length / 1024 ** 2).toFixed(1)} MiB; a scene is at most ${MAX_SCENE_BYTES / 1024 ** 2} MiB)`);
  let json: unknown;
  try {
    // __proto__ and constructor keys are dropped while parsing: nothing may reach a prototype.
    json = JSON.parse(text, (key, value: unknown) => (key === '__proto__' || key === 'constructor' || key === 'prototype' ? undefined : value));
  } catch {
    return fail('the scene file is damaged (not valid JSON; was it cut off while being written?)');
  }
  const shape = shapeProblem(json, 0);
  if (shape) return fail(shape);
  // validateScene migrates older versions (migrate.ts) before it checks the shape.
  const r = validateScene(json, fileName);
  if (!r.ok) return r;
  for (const l of r.scene.layers) {
    const s = l.source;
    const why = s.type === 'file' ? pathProblem(s.path) ?? (s.relPath !== undefined ? pathProblem(s.relPath, true) : null) ?? (s.labelsPath !== undefined ? pathProblem(s.labelsPath) : null) : null;
    if (why) return fail(`layer "${l.name}": ${why}`);
  }
  return r;
}

function shapeProblem(x: unknown, depth: number): string | null {
  if (depth > MAX_SCENE_DEPTH) return `the scene is nested too deeply (more than ${MAX_SCENE_DEPTH} levels)`;
  if (typeof x === 'string') return x.length > MAX_SCENE_STRING ? `a text in the scene is too long (${x.length} characters; at most ${MAX_SCENE_STRING})` : null;
  if (typeof x !== 'object' || x === null) return null;
  const items = Array.isArray(x) ? x : Object.values(x);
  if (items.length > MAX_SCENE_ITEMS) return `too many entries in one list (${items.length}; at most ${MAX_SCENE_ITEMS})`;
  for (const v of items) {
    const why = shapeProblem(v, depth + 1);
    if (why) return why;
  }
  return null;
}

/** Paths a scene may name: plain file paths. URLs, UNC and device paths, NUL bytes are refused. */
function pathProblem(p: string, relative = false): string | null {
  if (p.includes('\0')) return 'its file path contains a NUL byte';
  if (/^(\\\\|\/\/)/.test(p)) return `its file path "${p}" is a network (UNC) or device path, which a scene may not name`;
  if (/^[a-z][a-z0-9+.-]+:/i.test(p) && !/^[a-z]:[\\/]/i.test(p)) return `its file path "${p}" is a URL, not a file`;
  if (relative && (/^[\\/]/.test(p) || /^[a-z]:/i.test(p))) return `its relative path "${p}" is absolute`;
  return null;
}

const isWindows = (p: string) => /^[a-z]:[\\/]/i.test(p) || p.includes('\\');
const parts = (p: string) => p.split(/[\\/]+/).filter((s) => s !== '' && s !== '.');

export function dirOf(p: string): string {
  const i = Math.max(p.lastIndexOf('/'), p.lastIndexOf('\\'));
  return i <= 0 ? (i === 0 ? p[0] : '.') : p.slice(0, i);
}

/** `to` relative to folder `from` (both absolute, same style); null across drives. */
export function relativePath(from: string, to: string): string | null {
  const win = isWindows(from) || isWindows(to);
  const norm = (s: string) => (win ? s.toLowerCase() : s);
  const a = parts(from);
  const b = parts(to);
  if (win && norm(a[0] ?? '') !== norm(b[0] ?? '')) return null;
  let i = 0;
  while (i < a.length && i < b.length && norm(a[i]) === norm(b[i])) i++;
  return [...a.slice(i).map(() => '..'), ...b.slice(i)].join('/') || '.';
}

/** `rel` (forward slashes) resolved against folder `dir`, in dir's own style. */
export function joinPath(dir: string, rel: string): string {
  const win = isWindows(dir);
  const out = parts(dir);
  for (const s of parts(rel)) {
    if (s === '..') {
      if (out.length > (win ? 1 : 0)) out.pop();
    } else out.push(s);
  }
  return win ? out.join('\\') : `/${out.join('/')}`;
}

/** The scene as written to `scenePath`: each file layer also records its path relative to the scene. */
export function sceneFileText(scene: Scene, scenePath: string | null): string {
  const dir = scenePath ? dirOf(scenePath) : null;
  const layers: Layer[] = scene.layers.map((l) => {
    if (l.source.type !== 'file') return l;
    const relPath = dir ? relativePath(dir, l.source.path) : null;
    const labels = l.source.labelsPath !== undefined ? { labelsPath: l.source.labelsPath } : {};
    return { ...l, source: relPath ? { type: 'file', path: l.source.path, relPath, ...labels } : { type: 'file', path: l.source.path, ...labels } };
  });
  return JSON.stringify({ ...scene, version: SCENE_VERSION, layers }, null, 2);
}

/** Where to look for a layer's file, in order: its absolute path, then beside the scene by relPath. */
export function fileCandidates(source: { path: string; relPath?: string }, scenePath: string | null): string[] {
  const out = [source.path];
  if (scenePath && source.relPath) {
    const moved = joinPath(dirOf(scenePath), source.relPath);
    if (!out.includes(moved)) out.push(moved);
  }
  return out;
}
