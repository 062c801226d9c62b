/**
 * File > Open Recent: a JSON list in the user-data folder, newest first, at most 20,
 * one entry per path. A damaged file is not fatal: the list starts empty with a warning.
 */
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { RecentItem } from '../../shared/ipc/host';
import { checkRecentItem } from '../../shared/ipc/validate';
import { atomicWrite } from './atomicWrite';

export const MAX_RECENT = 20;
export const RECENT_FILE = 'recent.json';

export class RecentStore {
  private items: RecentItem[] | null = null;
  readonly warnings: string[] = [];

  constructor(
    readonly userData: string,
    private readonly warn: (message: string) => void = (m) => console.warn(m),
  ) {}

  get file(): string {
    return join(this.userData, RECENT_FILE);
  }

  async list(): Promise<RecentItem[]> {
    if (this.items) return [...this.items];
    let text: string;
    try {
      text = await readFile(this.file, 'utf8');
    } catch {
      this.items = [];
      return [];
    }
    try {
      const parsed: unknown = JSON.parse(text);
      if (!Array.isArray(parsed)) throw new Error('not a list');
      this.items = parsed.map((v) => checkRecentItem(v)).slice(0, MAX_RECENT);
    } catch (err) {
      this.note(`recent.json: the recent-files list was damaged and has been reset (${err instanceof Error ? err.message : String(err)}).`);
      this.items = [];
    }
    return [...this.items];
  }

  async add(item: RecentItem): Promise<RecentItem[]> {
    const items = (await this.list()).filter((r) => r.path !== item.path);
    items.unshift(item);
    this.items = items.slice(0, MAX_RECENT);
    await mkdir(this.userData, { recursive: true });
    await atomicWrite(this.file, JSON.stringify(this.items, null, 2));
    return [...this.items];
  }

  async clear(): Promise<void> {
    this.items = [];
    await atomicWrite(this.file, '[]');
  }

  private note(message: string): void {
    this.warnings.push(message);
    this.warn(message);
  }
}
