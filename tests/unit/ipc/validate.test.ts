import { describe, expect, it } from 'vitest';
import {
  checkAbsolutePath,
  checkBytesOrText,
  checkDemoFiles,
  checkFileName,
  checkNonNegativeInteger,
  checkOpenFilesOptions,
  checkRecentItem,
  checkRelativePath,
  checkString,
  IpcArgError,
  isAbsolutePath,
} from '../../../shared/ipc/validate';

describe('checkString', () => {
  it('accepts text within the limit and returns it', () => {
    expect(checkString('abc', 'x', 3)).toBe('abc');
  });
  it('names the problem', () => {
    expect(() => checkString(5, 'title', 10)).toThrow('title must be text, got a number.');
    expect(() => checkString('', 'title', 10)).toThrow('title is empty.');
    expect(() => checkString('abcd', 'title', 3)).toThrow('title is too long (4 characters, at most 3).');
    expect(() => checkString('a\0', 'title', 3)).toThrow('title contains a NUL character.');
    expect(() => checkString(undefined, 'title', 3)).toThrow(IpcArgError);
  });
});

describe('paths', () => {
  it('recognises absolute paths on every platform', () => {
    for (const p of ['/data/x.nii', 'C:\\data\\x.nii', 'd:/x.nii', '\\\\server\\share\\x.nii']) expect(isAbsolutePath(p)).toBe(true);
    for (const p of ['x.nii', './x.nii', '../x', 'C:x.nii', '~/x.nii']) expect(isAbsolutePath(p)).toBe(false);
  });
  it('checkAbsolutePath refuses relative paths and ".." segments', () => {
    expect(checkAbsolutePath('/data/study/sub-01.nii')).toBe('/data/study/sub-01.nii');
    expect(() => checkAbsolutePath('data/x.nii')).toThrow('path must be an absolute path: data/x.nii');
    expect(() => checkAbsolutePath('/data/../etc/passwd')).toThrow('must not contain ".."');
    expect(() => checkAbsolutePath('C:\\data\\..\\x')).toThrow('must not contain ".."');
    // ".." inside a name is fine.
    expect(checkAbsolutePath('/data/a..b.nii')).toBe('/data/a..b.nii');
  });
  it('checkRelativePath keeps writes inside a folder', () => {
    expect(checkRelativePath('sub-01/anat/x.nii.gz')).toBe('sub-01/anat/x.nii.gz');
    for (const bad of ['../x', 'a/../../x', '/x', 'C:/x', '\\x', 'a\\b', 'a//b', './a', 'a/', 'a:b', 'a*b']) expect(() => checkRelativePath(bad)).toThrow(IpcArgError);
  });
  it('checkFileName allows a bare name only', () => {
    expect(checkFileName('figure 1.png')).toBe('figure 1.png');
    for (const bad of ['a/b.png', 'a\\b.png', '..', '.', '']) expect(() => checkFileName(bad)).toThrow(IpcArgError);
  });
});

describe('numbers, options and records', () => {
  it('checkNonNegativeInteger', () => {
    expect(checkNonNegativeInteger(0, 'n')).toBe(0);
    expect(checkNonNegativeInteger(10, 'n', 10)).toBe(10);
    for (const bad of [-1, 1.5, NaN, Infinity, '3', 11]) expect(() => checkNonNegativeInteger(bad, 'n', 10)).toThrow('n must be a whole number from 0 to 10.');
  });
  it('checkOpenFilesOptions copies only known fields', () => {
    const o = checkOpenFilesOptions({ title: 'Open', multiple: true, filters: [{ name: 'NIfTI', extensions: ['nii', 'nii.gz', '*'] }], evil: 'x' });
    expect(o).toEqual({ title: 'Open', multiple: true, filters: [{ name: 'NIfTI', extensions: ['nii', 'nii.gz', '*'] }] });
    expect(checkOpenFilesOptions(undefined)).toEqual({});
    expect(() => checkOpenFilesOptions({ filters: [{ name: 'x', extensions: ['nii;rm'] }] })).toThrow(/without a leading dot/);
    expect(() => checkOpenFilesOptions({ filters: new Array(33).fill({ name: 'x', extensions: [] }) })).toThrow('too many file filters (33, at most 32).');
  });
  it('checkBytesOrText', () => {
    expect(checkBytesOrText('abc', 'data', 9)).toBe('abc');
    expect(() => checkBytesOrText(new Uint8Array(10), 'data', 9)).toThrow('data is larger than 9 bytes.');
    // 4 characters of 3-byte UTF-8 = 12 bytes.
    expect(() => checkBytesOrText('€€€€', 'data', 9)).toThrow('data is larger than 9 bytes.');
    expect(() => checkBytesOrText([1, 2], 'data', 9)).toThrow('data must be bytes or text, got a list.');
  });
  it('checkRecentItem', () => {
    const item = { kind: 'study', path: '/data/study', label: 'study', openedAt: '2024-05-01T10:00:00Z' };
    expect(checkRecentItem({ ...item, extra: 1 })).toEqual(item);
    expect(() => checkRecentItem({ ...item, kind: 'exe' })).toThrow('recent item kind must be "study", "map" or "scene".');
  });
  it('checkDemoFiles caps count and total size', () => {
    const f = (relPath: string, n: number) => ({ relPath, bytes: new Uint8Array(n) });
    expect(checkDemoFiles([f('a.nii', 5), f('b/c.nii', 5)], { maxFiles: 2, maxTotalBytes: 10 })).toHaveLength(2);
    expect(() => checkDemoFiles([f('a', 1), f('b', 1), f('c', 1)], { maxFiles: 2, maxTotalBytes: 10 })).toThrow('too many demo files (3, at most 2).');
    expect(() => checkDemoFiles([f('a', 6), f('b', 5)], { maxFiles: 2, maxTotalBytes: 10 })).toThrow('demo files are larger than 10 bytes in total.');
    expect(() => checkDemoFiles([f('sub/.hidden', 1)], { maxFiles: 2, maxTotalBytes: 10 })).toThrow('hidden file');
  });
});
