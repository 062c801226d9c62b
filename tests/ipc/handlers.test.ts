// Every IPC handler, called the way a compromised or confused page might call it.
import { mkdir, readFile, readdir, rm, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { INVOKE, type IpcResult } from '../../shared/ipc/channels';
import type { OpenFilesOptions, SaveOptions } from '../../shared/ipc/host';
import { registerIpcHandlers, type Dialogs, type HostServices } from '../../electron/ipc/handlers';
import { AutosaveStore } from '../../electron/services/autosave';
import { GrantList } from '../../electron/services/files';
import { RecentStore } from '../../electron/services/recent';
import { FakeIpcMain, fakeEvent, FORGED_SENDERS, OUR_CONTENTS_ID, tempDir } from './helpers';

interface DialogLog {
  openFiles: OpenFilesOptions[];
  openFolder: { title?: string }[];
  save: { name: string; options: SaveOptions }[];
}

let tmp: Awaited<ReturnType<typeof tempDir>>;
let ipc: FakeIpcMain;
let services: HostServices;
let answers: { files: string[]; folder: string | null; save: string | null };
let calls: DialogLog;
let userData: string;
let data: string;
let recentChanges: number;

function errorOf(r: IpcResult<unknown>): string {
  expect(r.ok).toBe(false);
  return r.ok ? '' : r.error;
}
function valueOf<T>(r: IpcResult<unknown>): T {
  if (!r.ok) throw new Error(`expected ok, got: ${r.error}`);
  return r.value as T;
}
const call = (channel: string, ...args: unknown[]) => ipc.invoke(channel, fakeEvent(), ...args);

async function setup(): Promise<void> {
  tmp = await tempDir();
  userData = join(tmp.dir, 'userData');
  data = join(tmp.dir, 'data');
  await mkdir(userData);
  await mkdir(join(data, 'study', 'sub-01'), { recursive: true });
  await writeFile(join(data, 'map.nii'), Uint8Array.from({ length: 1000 }, (_, i) => i % 251));
  await writeFile(join(data, 'study', 'sub-01', 'sub-01_ses-mdma_cbf.nii.gz'), 'gz-bytes');
  await writeFile(join(data, 'study', 'participants.tsv'), 'participant_id\tage\nsub-01\t30\n');
  await writeFile(join(data, 'secret.txt'), 'not granted');
  answers = { files: [join(data, 'map.nii')], folder: join(data, 'study'), save: join(data, 'scene.json') };
  calls = { openFiles: [], openFolder: [], save: [] };
  recentChanges = 0;
  const dialogs: Dialogs = {
    openFiles: async (_s, o) => (calls.openFiles.push(o), answers.files),
    openFolder: async (_s, o) => (calls.openFolder.push(o), answers.folder),
    save: async (_s, name, options) => (calls.save.push({ name, options }), answers.save),
  };
  services = {
    grants: new GrantList(),
    recent: new RecentStore(userData, () => undefined),
    autosave: new AutosaveStore(userData),
    userData,
    dialogs,
    onRecentChanged: () => void recentChanges++,
  };
  ipc = new FakeIpcMain();
  registerIpcHandlers(ipc, services, {
    isOurWebContents: (wc) => (wc as { id: number }).id === OUR_CONTENTS_ID,
    readChunkBytes: 300,
    maxDemoBytes: 10_000,
    log: () => undefined,
  });
}

const cleanup = () => tmp.cleanup();
/** Fresh files and services per test, for the tests that change state. */
function freshPerTest(): void {
  beforeEach(setup);
  afterEach(cleanup);
}
/** One fixture for a block of calls that must all be refused (nothing changes). */
function sharedInBlock(): void {
  beforeAll(setup);
  afterAll(cleanup);
}

describe('registration', () => {
  sharedInBlock();
  it('registers exactly one handler per invoke channel', () => {
    expect([...ipc.handlers.keys()].sort()).toEqual(Object.values(INVOKE).sort());
  });
});

describe('forged senders are refused on every channel', () => {
  sharedInBlock();
  const goodArgs: Record<string, unknown[]> = {
    [INVOKE.openFiles]: [{}],
    [INVOKE.openFolder]: [{}],
    [INVOKE.readFile]: ['/tmp/x.nii', 0],
    [INVOKE.saveFile]: ['a.json', 'x'],
    [INVOKE.pickSavePath]: ['a.json'],
    [INVOKE.saveChosen]: ['/tmp/a.json', 'x'],
    [INVOKE.getRecent]: [],
    [INVOKE.addRecent]: [{ kind: 'map', path: '/tmp/x.nii', label: 'x', openedAt: '2024-01-01T00:00:00Z' }],
    [INVOKE.reopenRecent]: ['/tmp/x.nii'],
    [INVOKE.grantTableFiles]: ['/tmp/study.tsv', ['/tmp/x.nii']],
    [INVOKE.loadDemo]: [],
    [INVOKE.storeDemo]: [[{ relPath: 'a.nii', bytes: new Uint8Array(1) }]],
    [INVOKE.autosave]: ['{}'],
    [INVOKE.recoverAutosave]: [],
    [INVOKE.setMenu]: [[{ id: 'view.axial', title: 'View: Axial', keybinding: '1' }]],
  };
  for (const channel of Object.values(INVOKE)) {
    for (const { what, event } of FORGED_SENDERS) {
      it(`${channel} from ${what}`, async () => {
        const r = await ipc.invoke(channel, event, ...goodArgs[channel]);
        expect(errorOf(r)).toMatch(/^Refused: /);
        expect(calls.openFiles.length + calls.openFolder.length + calls.save.length).toBe(0);
      });
    }
  }

  it('nothing was written by refused calls', async () => {
    for (const { event } of FORGED_SENDERS) {
      await ipc.invoke(INVOKE.storeDemo, event, [{ relPath: 'a.nii', bytes: new Uint8Array(1) }]);
      await ipc.invoke(INVOKE.autosave, event, '{"x":1}');
    }
    expect(await readdir(userData)).toEqual([]);
  });

  it('accepts the dev server origin only when running in dev', async () => {
    const dev = new FakeIpcMain();
    registerIpcHandlers(dev, services, { devServerUrl: 'http://localhost:5173', isOurWebContents: () => true, log: () => undefined });
    expect((await dev.invoke(INVOKE.getRecent, fakeEvent({ url: 'http://localhost:5173/index.html' }))).ok).toBe(true);
    expect(errorOf(await dev.invoke(INVOKE.getRecent, fakeEvent({ url: 'http://localhost:5174/' })))).toMatch(/^Refused/);
    expect(errorOf(await dev.invoke(INVOKE.getRecent, fakeEvent({ url: 'http://localhost:5173@evil.com/' })))).toMatch(/^Refused/);
    expect((await dev.invoke(INVOKE.getRecent, fakeEvent({ url: 'app://contrastscope/index.html' }))).ok).toBe(true);
  });
});

describe('malformed arguments are rejected with plain messages', () => {
  sharedInBlock();
  const huge = 'a'.repeat(100_000);
  const cases: [string, unknown[], RegExp][] = [
    [INVOKE.openFiles, [42], /open options must be an object, got a number/],
    [INVOKE.openFiles, ['x'], /open options must be an object/],
    [INVOKE.openFiles, [{ filters: 'nii' }], /filters must be a list/],
    [INVOKE.openFiles, [{ filters: [{ name: 1, extensions: [] }] }], /filter 1 name must be text/],
    [INVOKE.openFiles, [{ filters: [{ name: 'NIfTI', extensions: ['.nii'] }] }], /without a leading dot/],
    [INVOKE.openFiles, [{ title: huge }], /dialog title is too long \(100000 characters, at most 200\)/],
    [INVOKE.openFiles, [{ title: 'a\0b' }], /NUL/],
    [INVOKE.openFiles, [{ multiple: 'yes' }], /"multiple" must be true or false/],
    [INVOKE.openFiles, [{}, 'extra'], /too many arguments/],
    [INVOKE.openFolder, [5], /folder options must be an object/],
    [INVOKE.openFolder, [{ title: 7 }], /dialog title must be text, got a number/],
    [INVOKE.readFile, [42], /file path must be text, got a number/],
    [INVOKE.readFile, [null], /file path must be text, got null/],
    [INVOKE.readFile, [['/tmp/x']], /file path must be text, got a list/],
    [INVOKE.readFile, [''], /file path is empty/],
    [INVOKE.readFile, ['relative/map.nii'], /must be an absolute path/],
    [INVOKE.readFile, ['/tmp/../etc/passwd'], /must not contain "\.\."/],
    [INVOKE.readFile, ['/tmp/a\0b.nii'], /NUL/],
    [INVOKE.readFile, ['/' + huge], /too long/],
    [INVOKE.readFile, ['/tmp/x.nii', -1], /read offset must be a whole number/],
    [INVOKE.readFile, ['/tmp/x.nii', 1.5], /read offset must be a whole number/],
    [INVOKE.readFile, ['/tmp/x.nii', '0'], /read offset must be a whole number/],
    [INVOKE.readFile, ['/tmp/x.nii', 0, 'x'], /too many arguments/],
    [INVOKE.saveFile, [42, 'x'], /suggested file name must be text/],
    [INVOKE.saveFile, ['../evil.json', 'x'], /plain file name without folders/],
    [INVOKE.saveFile, ['sub/evil.json', 'x'], /plain file name without folders/],
    [INVOKE.saveFile, ['a\0.json', 'x'], /NUL/],
    [INVOKE.saveFile, ['ok.json', 42], /ok\.json contents must be bytes or text, got a number/],
    [INVOKE.saveFile, ['ok.json', { length: 3 }], /must be bytes or text, got an object/],
    [INVOKE.saveFile, ['ok.json', 'x', { filters: 3 }], /filters must be a list/],
    [INVOKE.getRecent, ['x'], /too many arguments/],
    [INVOKE.addRecent, ['x'], /recent item must be an object/],
    [INVOKE.reopenRecent, ['study'], /absolute path/],
    [INVOKE.reopenRecent, [], /recent path must be text/],
    [INVOKE.grantTableFiles, ['/s.tsv', 'x'], /study file path must be a list/],
    [INVOKE.grantTableFiles, ['/s.tsv', ['a.nii']], /study file path 1 must be an absolute path/],
    [INVOKE.grantTableFiles, ['s.tsv', []], /study table path must be an absolute path/],
    [INVOKE.grantTableFiles, ['/s.tsv', [], 3], /too many arguments/],
    [INVOKE.addRecent, [{ kind: 'virus', path: '/a', label: 'a', openedAt: '2024-01-01' }], /kind must be/],
    [INVOKE.addRecent, [{ kind: 'map', path: 'a.nii', label: 'a', openedAt: '2024-01-01' }], /absolute path/],
    [INVOKE.addRecent, [{ kind: 'map', path: '/a.nii', label: 'a', openedAt: 'yesterday' }], /not a date/],
    [INVOKE.addRecent, [{ kind: 'map', path: '/a.nii', label: huge, openedAt: '2024-01-01' }], /label is too long/],
    [INVOKE.loadDemo, [1], /too many arguments/],
    [INVOKE.storeDemo, ['x'], /demo files must be a list, got a string/],
    [INVOKE.storeDemo, [[]], /demo files list is empty/],
    [INVOKE.storeDemo, [[{ relPath: '../escape.nii', bytes: new Uint8Array(1) }]], /"\.\."/],
    [INVOKE.storeDemo, [[{ relPath: '/etc/cron.d/x', bytes: new Uint8Array(1) }]], /must be relative/],
    [INVOKE.storeDemo, [[{ relPath: 'a\\..\\b', bytes: new Uint8Array(1) }]], /forward slashes/],
    [INVOKE.storeDemo, [[{ relPath: 'C:/x', bytes: new Uint8Array(1) }]], /must be relative/],
    [INVOKE.storeDemo, [[{ relPath: '.complete', bytes: new Uint8Array(1) }]], /hidden file/],
    [INVOKE.storeDemo, [[{ relPath: 'a.nii', bytes: 'text' }]], /bytes must be a Uint8Array/],
    [INVOKE.storeDemo, [[{ relPath: 'a.nii', bytes: new Uint8Array(1) }, { relPath: 'a.nii', bytes: new Uint8Array(1) }]], /listed twice/],
    [INVOKE.storeDemo, [[{ relPath: 'a.nii', bytes: new Uint8Array(10_001) }]], /larger than 10000 bytes in total/],
    [INVOKE.autosave, [42], /autosaved scene must be text/],
    [INVOKE.autosave, ['{"a":"\0"}'], /NUL/],
    [INVOKE.recoverAutosave, [true], /too many arguments/],
  ];
  for (const [channel, args, message] of cases) {
    it(`${channel} ${JSON.stringify(args, (_k, v) => (typeof v === 'string' && v.length > 40 ? `${v.slice(0, 10)}…(${v.length})` : v instanceof Uint8Array ? `bytes(${v.length})` : v))}`, async () => {
      expect(errorOf(await call(channel, ...args))).toMatch(message);
    });
  }

  it('never calls a dialog for bad options', async () => {
    await call(INVOKE.openFiles, { filters: 3 });
    await call(INVOKE.saveFile, '../x', 'y');
    expect(calls.openFiles.length + calls.save.length).toBe(0);
  });

  it('storeDemo with a bad entry writes nothing', async () => {
    await call(INVOKE.storeDemo, [{ relPath: 'ok.nii', bytes: new Uint8Array(3) }, { relPath: '../bad.nii', bytes: new Uint8Array(3) }]);
    expect(await readdir(userData)).toEqual([]);
  });
});

describe('reading is limited to what the user granted', () => {
  freshPerTest();
  it('refuses any file before a dialog granted it', async () => {
    expect(errorOf(await call(INVOKE.readFile, join(data, 'map.nii')))).toBe('map.nii: not opened in this session; open it with File > Open first.');
  });

  it('reads a file chosen in the dialog, in chunks, byte for byte', async () => {
    const refs = valueOf<{ path: string; name: string; size: number }[]>(await call(INVOKE.openFiles, { multiple: false, filters: [{ name: 'NIfTI', extensions: ['nii', 'nii.gz'] }] }));
    expect(refs).toEqual([{ path: join(data, 'map.nii'), name: 'map.nii', size: 1000 }]);
    const first = valueOf<{ size: number; bytes: Uint8Array }>(await call(INVOKE.readFile, refs[0].path, 0));
    expect(first.size).toBe(1000);
    expect(first.bytes.byteLength).toBe(300); // readChunkBytes
    expect(first.bytes[0]).toBe(0);
    expect(first.bytes[299]).toBe(299 % 251);
    const last = valueOf<{ size: number; bytes: Uint8Array }>(await call(INVOKE.readFile, refs[0].path, 900));
    expect(last.bytes.byteLength).toBe(100);
    expect(last.bytes[99]).toBe(999 % 251);
    // Granting map.nii does not grant its neighbours.
    expect(errorOf(await call(INVOKE.readFile, join(data, 'secret.txt')))).toMatch(/^secret\.txt: not opened in this session/);
  });

  it('an offset beyond the end means the file changed', async () => {
    await call(INVOKE.openFiles, {});
    expect(errorOf(await call(INVOKE.readFile, join(data, 'map.nii'), 5000))).toBe('map.nii: the file changed while it was being read.');
  });

  it('a cancelled dialog returns nothing and grants nothing', async () => {
    answers.files = [];
    expect(valueOf(await call(INVOKE.openFiles))).toEqual([]);
    answers.folder = null;
    expect(valueOf(await call(INVOKE.openFolder))).toBeNull();
    expect(errorOf(await call(INVOKE.readFile, join(data, 'map.nii')))).toMatch(/not opened/);
  });

  it('a listed folder grants the files under it, not beside it', async () => {
    const listing = valueOf<{ root: string; files: { path: string; name: string; size: number }[] }>(await call(INVOKE.openFolder, { title: 'Study' }));
    expect(calls.openFolder).toEqual([{ title: 'Study' }]);
    expect(listing.root).toBe(join(data, 'study'));
    expect(listing.files.map((f) => f.name)).toEqual(['participants.tsv', 'sub-01_ses-mdma_cbf.nii.gz']);
    const cbf = valueOf<{ size: number; bytes: Uint8Array }>(await call(INVOKE.readFile, join(data, 'study', 'sub-01', 'sub-01_ses-mdma_cbf.nii.gz')));
    expect(new TextDecoder().decode(cbf.bytes)).toBe('gz-bytes');
    expect(errorOf(await call(INVOKE.readFile, join(data, 'map.nii')))).toMatch(/^map\.nii: not opened/);
    // A file that does not exist inside a granted folder says so plainly.
    expect(errorOf(await call(INVOKE.readFile, join(data, 'study', 'missing.nii')))).toBe('missing.nii: file not found.');
  });

  it('a symlink inside a granted folder cannot reach a non-granted file', async () => {
    await call(INVOKE.openFolder);
    await symlink(join(data, 'secret.txt'), join(data, 'study', 'link.txt'));
    expect(errorOf(await call(INVOKE.readFile, join(data, 'study', 'link.txt')))).toMatch(/^link\.txt: not opened in this session/);
  });

  it('a folder is not readable as a file', async () => {
    await call(INVOKE.openFolder);
    expect(errorOf(await call(INVOKE.readFile, join(data, 'study', 'sub-01')))).toBe('sub-01: is not a regular file.');
  });
});

describe('saving', () => {
  freshPerTest();
  it('writes the chosen path atomically, keeps .bak for scenes, and grants the result', async () => {
    await writeFile(join(data, 'scene.json'), '{"v":1}');
    const r = valueOf<{ saved: boolean; path: string }>(await call(INVOKE.saveFile, 'scene.json', '{"v":2}', { title: 'Save Scene' }));
    expect(r).toEqual({ saved: true, path: join(data, 'scene.json') });
    expect(calls.save).toEqual([{ name: 'scene.json', options: { title: 'Save Scene', filters: undefined } }]);
    expect(await readFile(join(data, 'scene.json'), 'utf8')).toBe('{"v":2}');
    expect(await readFile(join(data, 'scene.json.bak'), 'utf8')).toBe('{"v":1}');
    expect((await readdir(data)).filter((n) => n.endsWith('.tmp'))).toEqual([]);
    const back = valueOf<{ bytes: Uint8Array }>(await call(INVOKE.readFile, join(data, 'scene.json')));
    expect(new TextDecoder().decode(back.bytes)).toBe('{"v":2}');
  });

  it('writes bytes, without .bak for non-scene files', async () => {
    answers.save = join(data, 'figure.png');
    await writeFile(join(data, 'figure.png'), 'old');
    const r = valueOf<{ saved: boolean }>(await call(INVOKE.saveFile, 'figure.png', new Uint8Array([137, 80, 78, 71])));
    expect(r.saved).toBe(true);
    expect([...(await readFile(join(data, 'figure.png')))]).toEqual([137, 80, 78, 71]);
    expect((await readdir(data)).includes('figure.png.bak')).toBe(false);
  });

  it('a cancelled save writes nothing', async () => {
    answers.save = null;
    expect(valueOf(await call(INVOKE.saveFile, 'x.json', '{}'))).toEqual({ saved: false });
    expect((await readdir(data)).includes('x.json')).toBe(false);
  });

  it('pick then save: contents made for the chosen path are written there, once', async () => {
    const where = valueOf<string>(await call(INVOKE.pickSavePath, 'scene.json', { title: 'Save scene' }));
    expect(where).toBe(join(data, 'scene.json'));
    expect((await readdir(data)).includes('scene.json')).toBe(false); // the dialog alone writes nothing
    expect(valueOf(await call(INVOKE.saveChosen, where, '{"relPath":"map.nii"}'))).toEqual({ saved: true, path: where });
    expect(await readFile(where, 'utf8')).toBe('{"relPath":"map.nii"}');
    // One pick, one write: the page cannot keep writing to the path.
    expect(errorOf(await call(INVOKE.saveChosen, where, 'again'))).toBe('scene.json: was not just chosen in a save dialog; use File > Save again.');
    expect(await readFile(where, 'utf8')).toBe('{"relPath":"map.nii"}');
  });

  it('saveChosen refuses a path that was not just chosen, and one another window chose', async () => {
    expect(errorOf(await call(INVOKE.saveChosen, join(data, 'secret.txt'), 'overwritten'))).toMatch(/^secret\.txt: was not just chosen/);
    await call(INVOKE.pickSavePath, 'scene.json');
    expect(errorOf(await call(INVOKE.saveChosen, join(data, 'map.nii'), 'x'))).toMatch(/^map\.nii: was not just chosen/);
    expect(await readFile(join(data, 'secret.txt'), 'utf8')).toBe('not granted');
    expect((await readFile(join(data, 'map.nii'))).length).toBe(1000);
    answers.save = null;
    expect(valueOf(await call(INVOKE.pickSavePath, 'scene.json'))).toBeNull(); // cancelling forgets the earlier pick
    expect(errorOf(await call(INVOKE.saveChosen, join(data, 'scene.json'), 'x'))).toMatch(/was not just chosen/);
  });
});

describe('recent items', () => {
  freshPerTest();
  const item = (path: string) => ({ kind: 'map' as const, path, label: 'map.nii', openedAt: '2024-05-01T10:00:00.000Z' });

  it('only granted paths can be remembered', async () => {
    expect(errorOf(await call(INVOKE.addRecent, item(join(data, 'secret.txt'))))).toMatch(/^secret\.txt: not opened/);
    expect(valueOf(await call(INVOKE.getRecent))).toEqual([]);
    expect(recentChanges).toBe(0);
  });

  it('round-trips and tells main to rebuild the menu', async () => {
    await call(INVOKE.openFiles);
    expect(valueOf(await call(INVOKE.addRecent, item(join(data, 'map.nii'))))).toBeUndefined();
    // Main records the kind of grant (a picked file: that file only), whatever the page sent.
    const remembered = { ...item(join(data, 'map.nii')), grant: 'file' };
    expect(valueOf(await call(INVOKE.getRecent))).toEqual([remembered]);
    expect(recentChanges).toBe(1);
    const onDisk = JSON.parse(await readFile(join(userData, 'recent.json'), 'utf8'));
    expect(onDisk).toEqual([remembered]);
    await call(INVOKE.addRecent, { ...item(join(data, 'map.nii')), grant: 'folder' });
    expect(valueOf<{ grant: string }[]>(await call(INVOKE.getRecent))[0].grant).toBe('file');
  });
});

describe('reopening a recent study or map', () => {
  freshPerTest();
  const recentStudy = (path: string) => ({ kind: 'study' as const, path, label: 'study', openedAt: '2024-05-01T10:00:00.000Z' });

  it('a recent folder comes back as its listing and is readable again after a restart', async () => {
    await call(INVOKE.openFolder);
    await call(INVOKE.addRecent, recentStudy(join(data, 'study')));
    // A new session: nothing granted, but main remembers the recent list on disk.
    services.grants = new GrantList();
    expect(errorOf(await call(INVOKE.readFile, join(data, 'study', 'participants.tsv')))).toMatch(/not opened/);
    const listing = valueOf<{ root: string; files: { name: string }[] }>(await call(INVOKE.reopenRecent, join(data, 'study')));
    expect(listing.root).toBe(join(data, 'study'));
    expect(listing.files.map((f) => f.name)).toEqual(['participants.tsv', 'sub-01_ses-mdma_cbf.nii.gz']);
    expect(new TextDecoder().decode(valueOf<{ bytes: Uint8Array }>(await call(INVOKE.readFile, join(data, 'study', 'participants.tsv'))).bytes)).toMatch(/^participant_id/);
  });

  it('refuses a path that is not on the recent list, and says when a recent one is gone', async () => {
    expect(errorOf(await call(INVOKE.reopenRecent, join(data, 'study')))).toBe('study is not on the recent list');
    expect(errorOf(await call(INVOKE.readFile, join(data, 'study', 'participants.tsv')))).toMatch(/not opened/);
    await call(INVOKE.openFiles);
    await call(INVOKE.addRecent, { kind: 'map', path: join(data, 'map.nii'), label: 'map.nii', openedAt: '2024-05-01T10:00:00.000Z' });
    await rm(join(data, 'map.nii'));
    expect(errorOf(await call(INVOKE.reopenRecent, join(data, 'map.nii')))).toBe(`map.nii: ${join(data, 'map.nii')} can no longer be found; it may have been moved or renamed.`);
  });

  it('a study table grants the files it lists (not its folder), when chosen and when reopened', async () => {
    const table = join(data, 'study', 'study.tsv');
    await writeFile(table, 'subject\tcondition\tmeasure\tpath\nsub-01\tmdma\tcbf\tsub-01/sub-01_ses-mdma_cbf.nii.gz\n');
    answers.files = [table];
    await call(INVOKE.openFiles);
    const cbf = join(data, 'study', 'sub-01', 'sub-01_ses-mdma_cbf.nii.gz');
    const participants = join(data, 'study', 'participants.tsv');
    // Picking the table alone grants the table, not the folder beside it.
    expect(errorOf(await call(INVOKE.readFile, cbf))).toMatch(/not opened/);
    expect(valueOf(await call(INVOKE.grantTableFiles, table, [cbf, participants]))).toEqual([{ path: participants, reason: 'participants.tsv: study.tsv does not list this file.' }]);
    expect(valueOf<{ size: number }>(await call(INVOKE.readFile, cbf)).size).toBe(8);
    expect(errorOf(await call(INVOKE.readFile, participants))).toMatch(/not opened/);
    await call(INVOKE.addRecent, recentStudy(table));
    expect(valueOf<{ grant: string }[]>(await call(INVOKE.getRecent))[0].grant).toBe('table');
    services.grants = new GrantList();
    const listing = valueOf<{ root: string; files: { path: string }[] }>(await call(INVOKE.reopenRecent, table));
    expect(listing).toEqual({ root: join(data, 'study'), files: [{ path: table, name: 'study.tsv', size: 81 }] });
    expect(errorOf(await call(INVOKE.readFile, cbf))).toMatch(/not opened/);
    expect(valueOf(await call(INVOKE.grantTableFiles, table, [cbf]))).toEqual([]);
    expect(valueOf<{ size: number }>(await call(INVOKE.readFile, cbf)).size).toBe(8);
    expect(errorOf(await call(INVOKE.readFile, join(data, 'secret.txt')))).toMatch(/not opened/);
  });
});

describe('demo cache and autosave', () => {
  freshPerTest();
  it('loadDemo is null until storeDemo wrote a complete demo, which is then readable', async () => {
    expect(valueOf(await call(INVOKE.loadDemo))).toBeNull();
    const files = [
      { relPath: 'sub-01/sub-01_ses-mdma_cbf.nii.gz', bytes: new Uint8Array([1, 2, 3]) },
      { relPath: 'participants.tsv', bytes: new TextEncoder().encode('participant_id\nsub-01\n') },
    ];
    const stored = valueOf<{ root: string; files: { name: string; size: number; path: string }[] }>(await call(INVOKE.storeDemo, files));
    expect(stored.root).toBe(join(userData, 'demo-study'));
    expect(stored.files.map((f) => [f.name, f.size])).toEqual([
      ['participants.tsv', 22],
      ['sub-01_ses-mdma_cbf.nii.gz', 3],
    ]);
    const loaded = valueOf<typeof stored>(await call(INVOKE.loadDemo));
    expect(loaded).toEqual(stored);
    const chunk = valueOf<{ bytes: Uint8Array }>(await call(INVOKE.readFile, stored.files[1].path));
    expect([...chunk.bytes]).toEqual([1, 2, 3]);
  });

  it('autosave writes the scene; recovery is null when the last run exited cleanly', async () => {
    expect(valueOf(await call(INVOKE.autosave, '{"layers":[]}'))).toBeUndefined();
    expect(await readFile(join(userData, 'autosave.json'), 'utf8')).toBe('{"layers":[]}');
    expect(valueOf(await call(INVOKE.recoverAutosave))).toBeNull();
  });
});

describe('unexpected failures', () => {
  freshPerTest();
  it('inside a service come back as a message, not a crash', async () => {
  services.recent.list = async () => {
    throw new Error('disk on fire');
  };
  const r = await call(INVOKE.getRecent);
  expect(r).toEqual({ ok: false, error: 'disk on fire' });
  });
});
