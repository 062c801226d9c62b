// The native menu template built from shared/ipc/menu.ts.
import { describe, expect, it } from 'vitest';
import { buildMenuTemplate, type MenuActions } from '../../electron/main/menuTemplate';
import type { RecentItem } from '../../shared/ipc/host';
import { RENDERER_COMMAND_IDS } from '../../shared/ipc/menu';

type Item = { id?: string; label?: string; type?: string; role?: string; accelerator?: string; enabled?: boolean; submenu?: Item[]; click?: () => void };

function recorder() {
  const log: string[] = [];
  const actions: MenuActions = {
    sendCommand: (id) => log.push(`command ${id}`),
    openRecent: (item) => log.push(`recent ${item.path}`),
    clearRecent: () => log.push('clear'),
    quit: () => log.push('quit'),
    about: () => log.push('about'),
  };
  return { log, actions };
}

const recent: RecentItem[] = [
  { kind: 'study', path: '/data/mdma-study', label: 'mdma-study', openedAt: '2024-05-01T10:00:00Z' },
  { kind: 'map', path: '/data/spmT_0001.nii.gz', label: 'spmT_0001.nii.gz', openedAt: '2024-04-01T10:00:00Z' },
];

function flatten(items: Item[]): Item[] {
  return items.flatMap((i) => [i, ...flatten(i.submenu ?? [])]);
}

describe('buildMenuTemplate (Linux/Windows)', () => {
  const { log, actions } = recorder();
  const t = buildMenuTemplate(recent, actions, { platform: 'linux', appName: 'ContrastScope' }) as Item[];
  const file = t[0].submenu!;

  it('has File, View, Help and every renderer command exactly once', () => {
    expect(t.map((m) => m.label)).toEqual(['File', 'View', 'Help']);
    const ids = flatten(t).filter((i) => i.id).map((i) => i.id);
    expect([...ids].sort()).toEqual([...RENDERER_COMMAND_IDS].sort());
  });

  it('File lists the items in order, with Open Recent showing recent studies and maps', () => {
    expect(file.map((i) => i.label ?? i.type)).toEqual(['Open Map…', 'Open Study Folder…', 'Open Study Table…', 'Open Recent', 'separator', 'Save Scene…', 'Export…', 'separator', 'Quit']);
    const sub = file[3].submenu!;
    expect(sub.map((i) => i.label ?? i.type)).toEqual(['mdma-study (Study)', 'spmT_0001.nii.gz (Map)', 'separator', 'Clear Recent']);
    sub[1].click!();
    sub[3].click!();
    file[8].click!();
    file[0].click!();
    expect(log).toEqual(['recent /data/spmT_0001.nii.gz', 'clear', 'quit', 'command file.openMap']);
  });

  it('an empty recent list shows a disabled placeholder', () => {
    const empty = buildMenuTemplate([], recorder().actions, { platform: 'linux', appName: 'ContrastScope' }) as Item[];
    expect(empty[0].submenu![3].submenu).toEqual([{ label: 'No Recent Items', enabled: false }]);
  });
});

describe('buildMenuTemplate (macOS)', () => {
  const t = buildMenuTemplate(recent, recorder().actions, { platform: 'darwin', appName: 'ContrastScope' }) as Item[];
  it('adds the app menu and an Edit menu, and leaves Quit to the app menu', () => {
    expect(t.map((m) => m.label)).toEqual(['ContrastScope', 'File', 'Edit', 'View', 'Help']);
    expect(t[0].role).toBe('appMenu');
    const file = t[1].submenu!;
    expect(file.some((i) => i.label === 'Quit')).toBe(false);
    expect(file[file.length - 1].label).toBe('Export…');
  });
});
