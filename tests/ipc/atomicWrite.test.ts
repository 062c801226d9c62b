// Issue 10 item 6: atomicWrite keeps the file's mode, makes .bak without following a planted
// symlink, and saving over a symlink writes its target atomically (the link stays).
import { chmod, lstat, mkdir, readdir, readFile, readlink, stat, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { atomicWrite } from '../../electron/services/atomicWrite';
import { tempDir } from './helpers';

let tmp: Awaited<ReturnType<typeof tempDir>>;
beforeEach(async () => {
  tmp = await tempDir('cs-atomic-');
});
afterEach(() => tmp.cleanup());

const modeOf = async (p: string) => (await stat(p)).mode & 0o777;

describe.skipIf(process.platform === 'win32')('atomicWrite and file modes', () => {
  it('a 0600 scene stays 0600, and its .bak is 0600 too', async () => {
    const p = join(tmp.dir, 'scene.json');
    await writeFile(p, 'v1');
    await chmod(p, 0o600);
    await atomicWrite(p, 'v2', { keepBackup: true });
    expect(await readFile(p, 'utf8')).toBe('v2');
    expect((await modeOf(p)).toString(8)).toBe('600');
    expect(await readFile(`${p}.bak`, 'utf8')).toBe('v1');
    expect((await modeOf(`${p}.bak`)).toString(8)).toBe('600');
    await chmod(p, 0o640);
    await atomicWrite(p, 'v3');
    expect((await modeOf(p)).toString(8)).toBe('640');
  });

  it('a new file gets the usual 0644 (less the umask)', async () => {
    const p = join(tmp.dir, 'new.json');
    await atomicWrite(p, '{}');
    const umask = process.umask();
    expect((await modeOf(p)).toString(8)).toBe((0o644 & ~umask).toString(8));
  });
});

describe('the .bak never writes through a planted symlink', () => {
  it('a symlink at scene.json.bak is replaced by the backup; the file it pointed to is untouched', async () => {
    const victim = join(tmp.dir, 'victim.txt');
    await writeFile(victim, 'precious');
    const p = join(tmp.dir, 'scene.json');
    await writeFile(p, 'old scene');
    await symlink(victim, `${p}.bak`);
    await atomicWrite(p, 'new scene', { keepBackup: true });
    expect(await readFile(victim, 'utf8')).toBe('precious');
    expect((await lstat(`${p}.bak`)).isSymbolicLink()).toBe(false);
    expect(await readFile(`${p}.bak`, 'utf8')).toBe('old scene');
    expect(await readFile(p, 'utf8')).toBe('new scene');
    expect((await readdir(tmp.dir)).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  });
});

describe('saving over a symlink writes to its target, atomically, in the target folder', () => {
  it('the link stays a link; the target gets the new contents, its mode, and its .bak beside it', async () => {
    const real = join(tmp.dir, 'projects', 'shared');
    const here = join(tmp.dir, 'here');
    await mkdir(real, { recursive: true });
    await mkdir(here);
    const target = join(real, 'scene.json');
    await writeFile(target, 'v1');
    await chmod(target, 0o600);
    const link = join(here, 'scene.json');
    await symlink(target, link);
    await atomicWrite(link, 'v2', { keepBackup: true });
    expect((await lstat(link)).isSymbolicLink()).toBe(true);
    expect(await readlink(link)).toBe(target);
    expect(await readFile(target, 'utf8')).toBe('v2');
    if (process.platform !== 'win32') expect((await modeOf(target)).toString(8)).toBe('600');
    expect(await readFile(`${target}.bak`, 'utf8')).toBe('v1');
    expect((await readdir(here)).sort()).toEqual(['scene.json']);
    expect((await readdir(real)).sort()).toEqual(['scene.json', 'scene.json.bak']);
  });

  it('a dangling symlink creates its target; a symlink to a folder is refused', async () => {
    const target = join(tmp.dir, 'made.json');
    const link = join(tmp.dir, 'link.json');
    await symlink(target, link);
    await atomicWrite(link, 'x');
    expect(await readFile(target, 'utf8')).toBe('x');
    expect((await lstat(link)).isSymbolicLink()).toBe(true);
    await mkdir(join(tmp.dir, 'dir'));
    await symlink(join(tmp.dir, 'dir'), join(tmp.dir, 'dirlink.json'));
    await expect(atomicWrite(join(tmp.dir, 'dirlink.json'), 'x')).rejects.toThrow('dirlink.json: could not save (it is not a regular file).');
  });
});
