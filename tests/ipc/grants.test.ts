// Issue 10 items 1 and 3: a single-file grant never widens into a folder, the recent list
// replays only the grant it recorded, and network/device paths never reach the file system.
import { realpathSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import * as fsp from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { INVOKE, type IpcResult } from '../../shared/ipc/channels';
import { registerIpcHandlers, type HostServices } from '../../electron/ipc/handlers';
import { AutosaveStore } from '../../electron/services/autosave';
import { GrantList, readGrantedChunk } from '../../electron/services/files';
import { isUncOrDevicePath } from '../../electron/services/paths';
import { RecentStore } from '../../electron/services/recent';
import { FakeIpcMain, fakeEvent, OUR_CONTENTS_ID, tempDir } from './helpers';

// Spy on every fs call main makes, so a test can prove that none happened.
vi.mock('node:fs/promises', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:fs/promises')>();
  return { ...actual, realpath: vi.fn(actual.realpath), stat: vi.fn(actual.stat), open: vi.fn(actual.open), readFile: vi.fn(actual.readFile), lstat: vi.fn(actual.lstat) };
});
/** fs calls on any path but main's own recent list. */
const fsCalls = () => [fsp.realpath, fsp.stat, fsp.open, fsp.readFile, fsp.lstat].flatMap((f) => vi.mocked(f).mock.calls.map((c) => String(c[0]))).filter((p) => !p.endsWith('recent.json'));

let tmp: Awaited<ReturnType<typeof tempDir>>;
let home: string;
let userData: string;
let ipc: FakeIpcMain;
let services: HostServices;
let answers: { files: string[]; folder: string | null; save: string | null };

const call = (channel: string, ...args: unknown[]) => ipc.invoke(channel, fakeEvent(), ...args);
function errorOf(r: IpcResult<unknown>): string {
  if (r.ok) throw new Error(`expected a refusal, got ${JSON.stringify(r.value)}`);
  return r.error;
}
function valueOf<T>(r: IpcResult<unknown>): T {
  if (!r.ok) throw new Error(`expected ok, got: ${r.error}`);
  return r.value as T;
}

function register(): void {
  ipc = new FakeIpcMain();
  registerIpcHandlers(ipc, services, { isOurWebContents: (wc) => (wc as { id: number }).id === OUR_CONTENTS_ID, log: () => undefined });
}

beforeEach(async () => {
  tmp = await tempDir('cs-grants-');
  home = join(tmp.dir, 'home');
  userData = join(tmp.dir, 'userData');
  await mkdir(join(home, '.ssh'), { recursive: true });
  await mkdir(userData);
  await writeFile(join(home, '.ssh', 'id_rsa'), '-----BEGIN OPENSSH PRIVATE KEY-----');
  await writeFile(join(home, 'notes.nii'), 'not granted');
  answers = { files: [], folder: null, save: null };
  services = {
    grants: new GrantList(),
    recent: new RecentStore(userData, () => undefined),
    autosave: new AutosaveStore(userData),
    userData,
    dialogs: { openFiles: async () => answers.files, openFolder: async () => answers.folder, save: async () => answers.save },
  };
  register();
});
afterEach(() => tmp.cleanup());

describe('the exfiltration chain of issue 10: save ~/results.csv -> addRecent -> reopenRecent -> readFile(~/.ssh/id_rsa)', () => {
  it('is refused at each step', async () => {
    const results = join(home, 'results.csv');
    const key = join(home, '.ssh', 'id_rsa');
    // 1. The user saves a table the page offered; that grants the one file (it can be read back).
    answers.save = results;
    expect(valueOf(await call(INVOKE.saveFile, 'results.csv', `path\n${key}\n.ssh/id_rsa\n`))).toEqual({ saved: true, path: results });
    expect(valueOf<{ size: number }>(await call(INVOKE.readFile, results)).size).toBeGreaterThan(0);
    expect(errorOf(await call(INVOKE.readFile, key))).toBe('id_rsa: not opened in this session; open it with File > Open first.');
    // 2. A saved file was not opened: it cannot go on the recent list.
    expect(errorOf(await call(INVOKE.addRecent, { kind: 'study', path: results, label: 'results', openedAt: '2026-01-01T00:00:00Z' }))).toBe(
      'results.csv: only files and folders opened in a dialog can go on the recent list.',
    );
    expect(valueOf(await call(INVOKE.getRecent))).toEqual([]);
    // 3. So it cannot be reopened (which used to grant the whole folder of a .csv).
    expect(errorOf(await call(INVOKE.reopenRecent, results))).toBe('results.csv is not on the recent list');
    // 4. The key stays out of reach; the saved file is not a study table the user picked, so it cannot grant what it lists.
    expect(errorOf(await call(INVOKE.readFile, key))).toMatch(/^id_rsa: not opened/);
    expect(errorOf(await call(INVOKE.grantTableFiles, results, [key]))).toBe('results.csv: was not picked as a study table in this session; open it with File > Open study table.');
    expect(errorOf(await call(INVOKE.readFile, join(home, 'notes.nii')))).toMatch(/not opened/);
  });

  it('after a restart, a recent entry replays only its own grant, never its folder', async () => {
    const results = join(home, 'results.csv');
    await writeFile(results, 'subject,condition,measure,path\n');
    // Entries as an older version wrote them (no grant recorded), and one claiming a folder grant for a file.
    await writeFile(
      join(userData, 'recent.json'),
      JSON.stringify([
        { kind: 'study', path: results, label: 'results', openedAt: '2026-01-01T00:00:00Z' },
        { kind: 'study', path: home, label: 'home', openedAt: '2026-01-01T00:00:00Z' },
        { kind: 'map', path: join(home, 'notes.nii'), label: 'notes', openedAt: '2026-01-01T00:00:00Z', grant: 'folder' },
      ]),
    );
    services.recent = new RecentStore(userData, () => undefined);
    register();
    expect(valueOf(await call(INVOKE.reopenRecent, results))).toEqual({ root: home, files: [{ path: results, name: 'results.csv', size: 31 }] });
    expect(errorOf(await call(INVOKE.readFile, join(home, '.ssh', 'id_rsa')))).toMatch(/not opened/);
    expect(errorOf(await call(INVOKE.readFile, join(home, 'notes.nii')))).toMatch(/not opened/);
    // Replayed as a plain file, not as a table: it cannot grant what it lists either.
    expect(errorOf(await call(INVOKE.grantTableFiles, results, [join(home, 'notes.nii')]))).toMatch(/was not picked as a study table/);
    expect(errorOf(await call(INVOKE.reopenRecent, home))).toBe(`home: ${home} is a folder; open it again with File > Open study folder.`);
    expect(errorOf(await call(INVOKE.reopenRecent, join(home, 'notes.nii')))).toBe(`notes: ${join(home, 'notes.nii')} is no longer a folder.`);
    expect(errorOf(await call(INVOKE.readFile, join(home, 'notes.nii')))).toMatch(/not opened/);
  });
});

describe('a study table picked in a dialog grants exactly the validated files it lists', () => {
  it('listed study files only: not the folder, not unlisted or non-study files, not a name that is only part of a cell', async () => {
    const study = join(home, 'study');
    await mkdir(join(study, 'sub-01'), { recursive: true });
    await mkdir(join(home, 'derivatives'));
    const table = join(study, 'study.tsv');
    const a = join(study, 'sub-01', 'a.nii.gz');
    const up = join(home, 'derivatives', 'b.nii');
    const pairHdr = join(study, 'pair.hdr');
    for (const f of [a, up, pairHdr, join(study, 'pair.img'), join(study, 'a.nii.gz'), join(study, 'other.nii')]) await writeFile(f, 'x');
    await writeFile(table, `subject\tcondition\tmeasure\tpath\ns1\tmdma\tbold\t./sub-01/a.nii.gz\ns1\tplacebo\tbold\t../derivatives/b.nii\ns1\tx\tbold\tpair.hdr\ns1\ty\tbold\t${join(home, '.ssh', 'id_rsa')}\n`);
    answers.files = [table];
    await call(INVOKE.openFiles, {});
    const key = join(home, '.ssh', 'id_rsa');
    const refused = valueOf<{ path: string; reason: string }[]>(await call(INVOKE.grantTableFiles, table, [a, up, pairHdr, key, join(study, 'a.nii.gz'), join(study, 'other.nii'), '\\\\evil\\share\\x.nii']));
    expect(refused).toEqual([
      { path: key, reason: 'id_rsa: not a study file type (.nii, .nii.gz, .hdr/.img, .tsv, .csv, .txt).' },
      { path: join(study, 'a.nii.gz'), reason: 'a.nii.gz: study.tsv does not list this file.' },
      { path: join(study, 'other.nii'), reason: 'other.nii: study.tsv does not list this file.' },
      { path: '\\\\evil\\share\\x.nii', reason: '\\\\evil\\share\\x.nii: network (\\\\server\\share) and device paths are not opened.' },
    ]);
    for (const ok of [a, up, pairHdr, join(study, 'pair.img')]) expect(valueOf<{ size: number }>(await call(INVOKE.readFile, ok)).size).toBe(1);
    for (const no of [key, join(study, 'a.nii.gz'), join(study, 'other.nii'), join(home, 'notes.nii')]) expect(errorOf(await call(INVOKE.readFile, no))).toMatch(/not opened/);
  });
});

describe('UNC and device paths are refused before any file-system call', () => {
  const hostile = ['\\\\attacker\\share\\map.nii', '//attacker/share/map.nii', '\\\\?\\C:\\Users\\me\\map.nii', '\\\\.\\pipe\\x', '//?/C:/map.nii', '//./PhysicalDrive0', '\\??\\C:\\map.nii', '\\\\?\\UNC\\attacker\\share\\x.nii', '/\\attacker\\share\\x.nii'];

  it('recognises every spelling, and not ordinary paths', () => {
    for (const p of hostile) expect(isUncOrDevicePath(p), p).toBe(true);
    for (const p of ['/home/me/map.nii', 'C:\\Users\\me\\map.nii', 'C:/Users/me/map.nii', '/x\\y']) expect(isUncOrDevicePath(p), p).toBe(false);
  });

  it('readFile, reopenRecent, grantTableFiles and the grant list never touch the fs for them (realpath is never called)', async () => {
    await services.grants.grantFolder(home);
    vi.mocked(fsp.realpath).mockClear();
    vi.mocked(fsp.stat).mockClear();
    vi.mocked(fsp.open).mockClear();
    vi.mocked(fsp.readFile).mockClear();
    vi.mocked(fsp.lstat).mockClear();
    for (const p of hostile) {
      expect(errorOf(await call(INVOKE.readFile, p))).toMatch(/network \(\\\\server\\share\) and device paths are not opened|must be an absolute path/);
      await expect(services.grants.check(p)).rejects.toThrow(/device paths are not opened/);
      await expect(readGrantedChunk(services.grants, p, 0, 10)).rejects.toThrow(/device paths are not opened/);
      await expect(services.grants.grantFile(p)).rejects.toThrow(/device paths are not opened/);
      await expect(services.grants.grantFolder(p)).rejects.toThrow(/device paths are not opened/);
      await call(INVOKE.reopenRecent, p);
      await call(INVOKE.grantTableFiles, p, []);
      // Even a network folder or file the user picked in a dialog is refused before it is touched.
      answers.folder = p;
      answers.files = [p];
      expect(errorOf(await call(INVOKE.openFolder, {}))).toMatch(/device paths are not opened/);
      expect(errorOf(await call(INVOKE.openFiles, {}))).toMatch(/device paths are not opened/);
    }
    expect(vi.mocked(fsp.realpath)).not.toHaveBeenCalled();
    expect(fsCalls()).toEqual([]);
  });

  it('the grant list is checked on the normalised path before realpath: an ungranted path costs no fs call', async () => {
    await services.grants.grantFolder(join(home, '.ssh'));
    vi.mocked(fsp.realpath).mockClear();
    await expect(services.grants.check(join(home, 'notes.nii'))).rejects.toThrow(/^notes\.nii: not opened/);
    await expect(services.grants.check(join(home, '.ssh', '..', 'notes.nii'))).rejects.toThrow(/not opened/);
    expect(vi.mocked(fsp.realpath)).not.toHaveBeenCalled();
    // Inside the grant, realpath then runs (and a symlink out would still be caught after it).
    expect(await services.grants.check(join(home, '.ssh', 'id_rsa'))).toBe(realpathSync(join(home, '.ssh', 'id_rsa')));
    expect(vi.mocked(fsp.realpath)).toHaveBeenCalled();
    expect(await readFile(join(home, '.ssh', 'id_rsa'), 'utf8')).toMatch(/PRIVATE KEY/);
  });
});
