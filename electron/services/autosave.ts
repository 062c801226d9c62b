/**
 * Crash recovery. While the app runs, `session.running` sits in the user-data folder; a
 * clean exit removes it. If it is still there at the next start, the last run crashed and
 * the autosaved scene (if any) is offered back, once.
 */
import { rmSync } from 'node:fs';
import { mkdir, readFile, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { atomicWrite } from './atomicWrite';

export const AUTOSAVE_FILE = 'autosave.json';
export const RUNNING_FLAG = 'session.running';

export class AutosaveStore {
  private recovery: string | null = null;

  constructor(readonly userData: string) {}

  get file(): string {
    return join(this.userData, AUTOSAVE_FILE);
  }

  /** Call once at start: remembers a crashed run's autosave, then marks this run as running. */
  async start(): Promise<{ crashed: boolean; hasRecovery: boolean }> {
    const flag = join(this.userData, RUNNING_FLAG);
    await mkdir(this.userData, { recursive: true });
    const crashed = (await stat(flag).catch(() => null)) !== null;
    if (crashed) this.recovery = await readFile(this.file, 'utf8').catch(() => null);
    await atomicWrite(flag, String(process.pid));
    return { crashed, hasRecovery: this.recovery !== null };
  }

  async write(sceneJson: string): Promise<void> {
    await mkdir(this.userData, { recursive: true });
    await atomicWrite(this.file, sceneJson);
  }

  /** The crashed run's scene, handed out once. */
  takeRecovery(): string | null {
    const r = this.recovery;
    this.recovery = null;
    return r;
  }

  /** Call on a clean exit. */
  async end(): Promise<void> {
    await rm(join(this.userData, RUNNING_FLAG), { force: true });
  }

  /** Same as end(), for quit handlers that cannot wait. */
  endSync(): void {
    rmSync(join(this.userData, RUNNING_FLAG), { force: true });
  }
}
