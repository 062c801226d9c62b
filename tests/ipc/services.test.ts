// The main-process services as plain Node modules, against a temp folder.
import { mkdir, open, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { atomicWrite } from '../../electron/services/atomicWrite';
import { AutosaveStore } from '../../electron/services/autosave';
import { loadDemo, storeDemo } from '../../electron/services/demo';
import { GrantList, readGrantedChunk, readGrantedFile } from '../../electron/services/files';
import { listFolder } from '../../electron/services/folders';
import { formatBytes } from '../../electron/services/hostError';
import { MAX_RECENT, RecentStore } from '../../electron/services/recent';
import { tempDir } from './helpers';

let tmp: Awaited<ReturnType<typeof tempDir>>;
beforeEach(async () => {
  tmp = await tempDir('cs-services-');
});
afterEach(async () => {
  await tmp.cleanup();
});

describe('atomicWrite', () => {
  it('replaces the file and leaves no temp file', async () => {
    const p = join(tmp.dir, 'scene.json');
    await atomicWrite(p, '{"a":1}');
    await atomicWrite(p, new TextEncoder().encode('{"a":2}'));
    expect(await readFile(p, 'utf8')).toBe('{"a":2}');
    expect(await readdir(tmp.dir)).toEqual(['scene.json']);
  });

  it('keeps the previous version as .bak when asked', async () => {
    const p = join(tmp.dir, 'session.json');
    await atomicWrite(p, 'v1', { keepBackup: true }); // nothing to back up yet
    expect((await readdir(tmp.dir)).sort()).toEqual(['session.json']);
    await atomicWrite(p, 'v2', { keepBackup: true });
    await atomicWrite(p, 'v3', { keepBackup: true });
    expect(await readFile(p, 'utf8')).toBe('v3');
    expect(await readFile(`${p}.bak`, 'utf8')).toBe('v2');
  });

  it('a failure midway leaves the old file intact and no half-written file', async () => {
    const p = join(tmp.dir, 'figure.png');
    await writeFile(p, 'old contents');
    const big = new Uint8Array(10_000).fill(7);
    await expect(
      atomicWrite(p, big, {
        chunkBytes: 1000,
        keepBackup: true,
        onProgress: (n) => {
          if (n >= 3000) throw Object.assign(new Error('no space left on device'), { code: 'ENOSPC' });
        },
      }),
    ).rejects.toThrow('figure.png: could not save (the disk is full).');
    expect(await readFile(p, 'utf8')).toBe('old contents');
    expect(await readdir(tmp.dir)).toEqual(['figure.png']);
  });

  it('names the file when the folder does not exist', async () => {
    await expect(atomicWrite(join(tmp.dir, 'nope', 'x.json'), '{}')).rejects.toThrow('x.json: could not save (file not found).');
  });
});

describe('granted reads', () => {
  it('caps the size before reading, naming the file and both sizes', async () => {
    const p = join(tmp.dir, 'ok_small.nii');
    const fh = await open(p, 'w');
    await fh.truncate(3_100_000_000); // sparse: costs no disk
    await fh.close();
    const grants = new GrantList();
    await grants.grantFile(p);
    await expect(readGrantedFile(grants, p)).rejects.toThrow('ok_small.nii: file is 3.1 GB, larger than the 2 GiB limit.');
    await expect(readGrantedChunk(grants, p, 0, 10)).rejects.toThrow('ok_small.nii: file is 3.1 GB, larger than the 2 GiB limit.');
    await rm(p);
  });

  it('honours a smaller cap', async () => {
    const p = join(tmp.dir, 'm.nii');
    await writeFile(p, new Uint8Array(2048));
    const grants = new GrantList();
    await grants.grantFile(p);
    await expect(readGrantedFile(grants, p, { maxBytes: 1024 })).rejects.toThrow('m.nii: file is 2.0 kB, larger than the 1 KiB limit.');
  });

  it('returns an ArrayBuffer with the exact bytes', async () => {
    const p = join(tmp.dir, 'v.nii');
    await writeFile(p, Uint8Array.from([0, 1, 2, 250, 255]));
    const grants = new GrantList();
    await grants.grantFile(p);
    const buf = await readGrantedFile(grants, p);
    expect(buf).toBeInstanceOf(ArrayBuffer);
    expect([...new Uint8Array(buf)]).toEqual([0, 1, 2, 250, 255]);
  });

  it('grants resolve symlinks: a granted link reads its target, a link out of a granted folder does not', async () => {
    await mkdir(join(tmp.dir, 'study'));
    await writeFile(join(tmp.dir, 'outside.txt'), 'outside');
    await writeFile(join(tmp.dir, 'study', 'in.txt'), 'in');
    await symlink(join(tmp.dir, 'outside.txt'), join(tmp.dir, 'study', 'link.txt'));
    const grants = new GrantList();
    await grants.grantFolder(join(tmp.dir, 'study'));
    expect(new TextDecoder().decode(await readGrantedFile(grants, join(tmp.dir, 'study', 'in.txt')))).toBe('in');
    await expect(readGrantedFile(grants, join(tmp.dir, 'study', 'link.txt'))).rejects.toThrow(/^link\.txt: not opened in this session/);
    // A sibling folder whose name starts with the granted one is not inside it.
    await mkdir(join(tmp.dir, 'study2'));
    await writeFile(join(tmp.dir, 'study2', 'x.txt'), 'x');
    await expect(readGrantedFile(grants, join(tmp.dir, 'study2', 'x.txt'))).rejects.toThrow(/not opened/);
  });

  it('formats sizes the way people say them', () => {
    expect(formatBytes(3_100_000_000)).toBe('3.1 GB');
    expect(formatBytes(12_345_678)).toBe('12.3 MB');
    expect(formatBytes(512)).toBe('512 bytes');
  });
});

describe('listFolder', () => {
  it('lists recursively and sorted, skipping hidden files and folders', async () => {
    await mkdir(join(tmp.dir, 's', 'sub-02'), { recursive: true });
    await mkdir(join(tmp.dir, 's', 'sub-01'));
    await mkdir(join(tmp.dir, 's', '.git', 'annex'), { recursive: true });
    await writeFile(join(tmp.dir, 's', '.git', 'annex', 'obj'), 'x');
    await writeFile(join(tmp.dir, 's', '.DS_Store'), 'x');
    await writeFile(join(tmp.dir, 's', 'sub-02', 'b.nii'), 'bb');
    await writeFile(join(tmp.dir, 's', 'sub-01', 'a.nii'), 'a');
    await writeFile(join(tmp.dir, 's', 'participants.tsv'), 'ppp');
    const { listing } = await listFolder(join(tmp.dir, 's'));
    expect(listing.root).toBe(join(tmp.dir, 's'));
    expect(listing.files.map((f) => [f.path.slice(tmp.dir.length + 3), f.size])).toEqual([
      ['participants.tsv', 3],
      ['sub-01/a.nii', 1],
      ['sub-02/b.nii', 2],
    ]);
  });

  it('survives a symlink loop and lists each real folder once', async () => {
    await mkdir(join(tmp.dir, 's', 'a'), { recursive: true });
    await writeFile(join(tmp.dir, 's', 'a', 'f.nii'), 'f');
    await symlink(join(tmp.dir, 's'), join(tmp.dir, 's', 'a', 'loop'));
    await symlink(join(tmp.dir, 's', 'a'), join(tmp.dir, 's', 'again'));
    await symlink(join(tmp.dir, 'missing'), join(tmp.dir, 's', 'dangling'));
    const { listing } = await listFolder(join(tmp.dir, 's'));
    expect(listing.files.map((f) => f.path.slice(tmp.dir.length + 3))).toEqual(['a/f.nii']);
  });

  it('stops with a clear message past the file cap', async () => {
    await mkdir(join(tmp.dir, 'home'));
    for (let i = 0; i < 6; i++) await writeFile(join(tmp.dir, 'home', `f${i}.txt`), '');
    await expect(listFolder(join(tmp.dir, 'home'), { maxFiles: 5 })).rejects.toThrow(
      'home: folder has more than 5 files; choose the study folder itself rather than a folder above it.',
    );
    expect((await listFolder(join(tmp.dir, 'home'), { maxFiles: 6 })).listing.files).toHaveLength(6);
  });

  it('names a missing folder, and a file given as a folder', async () => {
    await expect(listFolder(join(tmp.dir, 'gone'))).rejects.toThrow('gone: file not found.');
    await writeFile(join(tmp.dir, 'plain.txt'), '');
    await expect(listFolder(join(tmp.dir, 'plain.txt'))).rejects.toThrow('plain.txt: is not a folder.');
  });
});

describe('RecentStore', () => {
  const item = (i: number) => ({ kind: 'map' as const, path: `/data/m${i}.nii`, label: `m${i}.nii`, openedAt: new Date(Date.UTC(2024, 0, 1, 0, i)).toISOString() });

  it('keeps the newest 20, newest first, one entry per path, across restarts', async () => {
    const store = new RecentStore(tmp.dir);
    for (let i = 0; i < 25; i++) await store.add(item(i));
    await store.add(item(10)); // reopened: moves to the top, not duplicated
    const again = await new RecentStore(tmp.dir).list();
    expect(again).toHaveLength(MAX_RECENT);
    expect(again.slice(0, 3).map((r) => r.label)).toEqual(['m10.nii', 'm24.nii', 'm23.nii']);
    expect(again.filter((r) => r.path === '/data/m10.nii')).toHaveLength(1);
    // 24..5 were kept; moving m10 up keeps the count at 20, so m5 is still last.
    expect(again[MAX_RECENT - 1].label).toBe('m5.nii');
  });

  for (const [what, text] of [
    ['not JSON', '{"truncated": ['],
    ['not a list', '{"a":1}'],
    ['a bad entry', '[{"kind":"map","path":"relative.nii","label":"x","openedAt":"2024-01-01"}]'],
  ]) {
    it(`a damaged file (${what}) starts empty with a warning, and is then rewritten`, async () => {
      await writeFile(join(tmp.dir, 'recent.json'), text);
      const warnings: string[] = [];
      const store = new RecentStore(tmp.dir, (m) => warnings.push(m));
      expect(await store.list()).toEqual([]);
      expect(warnings).toHaveLength(1);
      expect(warnings[0]).toMatch(/^recent\.json: the recent-files list was damaged and has been reset/);
      await store.add(item(1));
      expect(JSON.parse(await readFile(join(tmp.dir, 'recent.json'), 'utf8'))).toEqual([item(1)]);
    });
  }

  it('a missing file is simply empty, without a warning', async () => {
    const warnings: string[] = [];
    expect(await new RecentStore(tmp.dir, (m) => warnings.push(m)).list()).toEqual([]);
    expect(warnings).toEqual([]);
  });
});

describe('demo cache', () => {
  const files = [
    { relPath: 'participants.tsv', bytes: new TextEncoder().encode('participant_id\tage\nsub-01\t31\n') },
    { relPath: 'sub-01/sub-01_ses-mdma_task-faces_stat-effect_statmap.nii.gz', bytes: new Uint8Array([31, 139, 8]) },
  ];

  it('stores each file, marks it complete, and lists it on the next start', async () => {
    expect(await loadDemo(tmp.dir)).toBeNull();
    const stored = await storeDemo(tmp.dir, files);
    expect(stored.files.map((f) => f.path.slice(stored.root.length + 1))).toEqual(['participants.tsv', 'sub-01/sub-01_ses-mdma_task-faces_stat-effect_statmap.nii.gz']);
    expect(await readFile(join(tmp.dir, 'demo-study', '.complete'), 'utf8')).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(await loadDemo(tmp.dir)).toEqual(stored);
  });

  it('an interrupted earlier write (no .complete) counts as no demo, and is replaced cleanly', async () => {
    await mkdir(join(tmp.dir, 'demo-study', 'sub-99'), { recursive: true });
    await writeFile(join(tmp.dir, 'demo-study', 'sub-99', 'half.nii.gz'), 'x');
    expect(await loadDemo(tmp.dir)).toBeNull();
    const stored = await storeDemo(tmp.dir, files);
    expect(stored.files).toHaveLength(2);
    expect(stored.files.some((f) => f.name === 'half.nii.gz')).toBe(false);
  });

  it('refuses paths that leave the demo folder before writing anything', async () => {
    await expect(storeDemo(tmp.dir, [{ relPath: '../../evil', bytes: new Uint8Array(1) }])).rejects.toThrow(/"\.\."/);
    await expect(storeDemo(tmp.dir, [{ relPath: '/abs/evil', bytes: new Uint8Array(1) }])).rejects.toThrow(/must be relative/);
    expect(await loadDemo(tmp.dir)).toBeNull();
  });
});

describe('AutosaveStore', () => {
  it('offers the autosave back once after a crash, never after a clean exit', async () => {
    const first = new AutosaveStore(tmp.dir);
    expect(await first.start()).toEqual({ crashed: false, hasRecovery: false });
    await first.write('{"scene":1}');
    // No end(): the process "crashed".
    const second = new AutosaveStore(tmp.dir);
    expect(await second.start()).toEqual({ crashed: true, hasRecovery: true });
    expect(second.takeRecovery()).toBe('{"scene":1}');
    expect(second.takeRecovery()).toBeNull();
    await second.write('{"scene":2}');
    second.endSync();
    const third = new AutosaveStore(tmp.dir);
    expect(await third.start()).toEqual({ crashed: false, hasRecovery: false });
    expect(third.takeRecovery()).toBeNull();
    await third.end();
    expect((await readdir(tmp.dir)).sort()).toEqual(['autosave.json']);
  });
});
