/**
 * Hand-written checks for every argument that crosses IPC. Main treats the renderer as
 * untrusted: a compromised page must not be able to read or write outside what the
 * user chose, nor crash main with odd values.
 */
import type { DemoFile, FileFilter, OpenFilesOptions, RecentItem, SaveOptions } from './host';
import { isRendererCommand, RENDERER_COMMAND_IDS, type MenuEntry } from './menu';

export const MAX_PATH_CHARS = 4096;
export const MAX_LABEL_CHARS = 512;
export const MAX_FILTERS = 32;
export const MAX_EXTENSIONS = 32;
/** Largest JSON scene kept by autosave. */
export const MAX_AUTOSAVE_CHARS = 64 * 1024 * 1024;

/** A bad argument from the renderer. The message is plain words, safe to show. */
export class IpcArgError extends Error {
  readonly userFacing = true;
  constructor(message: string) {
    super(message);
    this.name = 'IpcArgError';
  }
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

export function checkString(value: unknown, what: string, maxChars: number, options: { allowEmpty?: boolean } = {}): string {
  if (typeof value !== 'string') throw new IpcArgError(`${what} must be text, got ${describe(value)}.`);
  if (!options.allowEmpty && value.length === 0) throw new IpcArgError(`${what} is empty.`);
  if (value.length > maxChars) throw new IpcArgError(`${what} is too long (${value.length} characters, at most ${maxChars}).`);
  if (value.includes('\0')) throw new IpcArgError(`${what} contains a NUL character.`);
  return value;
}

export function checkOptionalString(value: unknown, what: string, maxChars: number): string | undefined {
  return value === undefined ? undefined : checkString(value, what, maxChars);
}

/** POSIX `/x`, Windows `C:\x` or `C:/x`, or a UNC path `\\server\share`. */
export function isAbsolutePath(p: string): boolean {
  return p.startsWith('/') || /^[A-Za-z]:[\\/]/.test(p) || p.startsWith('\\\\');
}

/** An absolute path with no `..` segment (a granted path never needs one). */
export function checkAbsolutePath(value: unknown, what = 'path'): string {
  const p = checkString(value, what, MAX_PATH_CHARS);
  if (!isAbsolutePath(p)) throw new IpcArgError(`${what} must be an absolute path: ${p}`);
  if (p.split(/[\\/]/).includes('..')) throw new IpcArgError(`${what} must not contain "..": ${p}`);
  return p;
}

/** A path inside a folder: relative, forward slashes, no `..`, no empty or dot-only segments. */
export function checkRelativePath(value: unknown, what = 'relative path'): string {
  const p = checkString(value, what, MAX_PATH_CHARS);
  if (isAbsolutePath(p) || p.startsWith('\\')) throw new IpcArgError(`${what} must be relative: ${p}`);
  if (p.includes('\\')) throw new IpcArgError(`${what} must use forward slashes: ${p}`);
  for (const seg of p.split('/')) {
    if (seg === '' || seg === '.' || seg === '..') throw new IpcArgError(`${what} has an empty, "." or ".." part: ${p}`);
    if (/[:*?"<>|]/.test(seg)) throw new IpcArgError(`${what} has a character not allowed in file names: ${p}`);
  }
  return p;
}

export function checkPlainObject(value: unknown, what: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new IpcArgError(`${what} must be an object, got ${describe(value)}.`);
  return value as Record<string, unknown>;
}

export function checkNonNegativeInteger(value: unknown, what: string, max = Number.MAX_SAFE_INTEGER): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > max) {
    throw new IpcArgError(`${what} must be a whole number from 0 to ${max}.`);
  }
  return value;
}

function checkFilters(value: unknown): FileFilter[] | undefined {
  if (value === undefined) return undefined;
  if (!Array.isArray(value)) throw new IpcArgError(`filters must be a list, got ${describe(value)}.`);
  if (value.length > MAX_FILTERS) throw new IpcArgError(`too many file filters (${value.length}, at most ${MAX_FILTERS}).`);
  return value.map((f, i) => {
    const o = checkPlainObject(f, `filter ${i + 1}`);
    const name = checkString(o.name, `filter ${i + 1} name`, 200);
    if (!Array.isArray(o.extensions)) throw new IpcArgError(`filter ${i + 1} extensions must be a list.`);
    if (o.extensions.length > MAX_EXTENSIONS) throw new IpcArgError(`filter ${i + 1} has too many extensions.`);
    const extensions = o.extensions.map((e, j) => {
      const ext = checkString(e, `filter ${i + 1} extension ${j + 1}`, 32);
      if (ext !== '*' && !/^[A-Za-z0-9]+(\.[A-Za-z0-9]+)*$/.test(ext)) throw new IpcArgError(`filter extension "${ext}" must be letters/digits like "nii.gz", without a leading dot.`);
      return ext;
    });
    return { name, extensions };
  });
}

export function checkOpenFilesOptions(value: unknown): OpenFilesOptions {
  if (value === undefined) return {};
  const o = checkPlainObject(value, 'open options');
  if (o.multiple !== undefined && typeof o.multiple !== 'boolean') throw new IpcArgError('open option "multiple" must be true or false.');
  return { title: checkOptionalString(o.title, 'dialog title', 200), filters: checkFilters(o.filters), multiple: o.multiple as boolean | undefined };
}

export function checkFolderOptions(value: unknown): { title?: string } {
  if (value === undefined) return {};
  const o = checkPlainObject(value, 'folder options');
  return { title: checkOptionalString(o.title, 'dialog title', 200) };
}

export function checkSaveOptions(value: unknown): SaveOptions {
  if (value === undefined) return {};
  const o = checkPlainObject(value, 'save options');
  return { title: checkOptionalString(o.title, 'dialog title', 200), filters: checkFilters(o.filters) };
}

/** A file name suggested for a save dialog: a bare name, no folders. */
export function checkFileName(value: unknown, what = 'file name'): string {
  const name = checkString(value, what, 255);
  if (/[\\/]/.test(name) || name === '.' || name === '..') throw new IpcArgError(`${what} must be a plain file name without folders: ${name}`);
  return name;
}

export function checkBytesOrText(value: unknown, what: string, maxBytes: number): Uint8Array | string {
  if (typeof value === 'string') {
    // A JS string of n chars is at most 3n bytes in UTF-8; check the cheap bound first.
    if (value.length * 3 > maxBytes && new TextEncoder().encode(value).byteLength > maxBytes) throw new IpcArgError(`${what} is larger than ${maxBytes} bytes.`);
    return value;
  }
  if (value instanceof Uint8Array) {
    if (value.byteLength > maxBytes) throw new IpcArgError(`${what} is larger than ${maxBytes} bytes.`);
    return value;
  }
  throw new IpcArgError(`${what} must be bytes or text, got ${describe(value)}.`);
}

const RECENT_KINDS = new Set(['study', 'map', 'scene']);

export function checkRecentItem(value: unknown): RecentItem {
  const o = checkPlainObject(value, 'recent item');
  if (typeof o.kind !== 'string' || !RECENT_KINDS.has(o.kind)) throw new IpcArgError('recent item kind must be "study", "map" or "scene".');
  const openedAt = checkString(o.openedAt, 'recent item date', 64);
  if (Number.isNaN(Date.parse(openedAt))) throw new IpcArgError(`recent item date is not a date: ${openedAt}`);
  const item: RecentItem = {
    kind: o.kind as RecentItem['kind'],
    path: checkAbsolutePath(o.path, 'recent item path'),
    label: checkString(o.label, 'recent item label', MAX_LABEL_CHARS),
    openedAt,
  };
  if (o.grant !== undefined) {
    if (typeof o.grant !== 'string' || !RECENT_GRANTS.has(o.grant)) throw new IpcArgError('recent item grant must be "folder", "table" or "file".');
    item.grant = o.grant as RecentItem['grant'];
  }
  return item;
}

const RECENT_GRANTS = new Set(['folder', 'table', 'file']);

/** A list of absolute paths (the files a study table lists), at most `max`. */
export function checkPathList(value: unknown, what: string, max: number): string[] {
  if (!Array.isArray(value)) throw new IpcArgError(`${what} must be a list, got ${describe(value)}.`);
  if (value.length > max) throw new IpcArgError(`${what}: too many (${value.length}, at most ${max}).`);
  return value.map((v, i) => checkAbsolutePath(v, `${what} ${i + 1}`));
}

export function checkDemoFiles(value: unknown, limits: { maxFiles: number; maxTotalBytes: number }): DemoFile[] {
  if (!Array.isArray(value)) throw new IpcArgError(`demo files must be a list, got ${describe(value)}.`);
  if (value.length === 0) throw new IpcArgError('demo files list is empty.');
  if (value.length > limits.maxFiles) throw new IpcArgError(`too many demo files (${value.length}, at most ${limits.maxFiles}).`);
  let total = 0;
  const seen = new Set<string>();
  return value.map((f, i) => {
    const o = checkPlainObject(f, `demo file ${i + 1}`);
    const relPath = checkRelativePath(o.relPath, `demo file ${i + 1} path`);
    if (relPath.split('/').some((seg) => seg.startsWith('.'))) throw new IpcArgError(`demo file path must not name a hidden file: ${relPath}`);
    if (seen.has(relPath)) throw new IpcArgError(`demo file listed twice: ${relPath}`);
    seen.add(relPath);
    if (!(o.bytes instanceof Uint8Array)) throw new IpcArgError(`demo file ${relPath} bytes must be a Uint8Array.`);
    total += o.bytes.byteLength;
    if (total > limits.maxTotalBytes) throw new IpcArgError(`demo files are larger than ${limits.maxTotalBytes} bytes in total.`);
    return { relPath, bytes: o.bytes };
  });
}

/** The renderer's menu entries (HostApi.setMenu): only the menu's own ids, short titles, key syntax. */
export function checkMenuEntries(value: unknown): MenuEntry[] {
  if (!Array.isArray(value)) throw new IpcArgError(`menu entries must be a list, got ${describe(value)}.`);
  if (value.length > RENDERER_COMMAND_IDS.length) throw new IpcArgError(`too many menu entries (${value.length}).`);
  return value.map((v, i) => {
    if (typeof v !== 'object' || v === null) throw new IpcArgError(`menu entry ${i + 1} must be an object.`);
    const e = v as Record<string, unknown>;
    const id = checkString(e.id, `menu entry ${i + 1} id`, 64);
    if (!isRendererCommand(id)) throw new IpcArgError(`menu entry ${i + 1}: "${id}" is not a menu command.`);
    const title = checkString(e.title, `menu entry ${id} title`, 120);
    const keybinding = checkOptionalString(e.keybinding, `menu entry ${id} key`, 40);
    if (keybinding !== undefined && !/^((Mod|Ctrl|Meta|Shift|Alt)\+){0,3}([A-Za-z0-9]|F\d{1,2}|[A-Z][a-z]+([A-Z][a-z]+)?)$/.test(keybinding)) throw new IpcArgError(`menu entry ${id}: "${keybinding}" is not a shortcut.`);
    return keybinding === undefined ? { id, title } : { id, title, keybinding };
  });
}
