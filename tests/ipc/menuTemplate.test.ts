// The native menu template: the layout of shared/ipc/menu.ts with the real command registry's titles and keys.
import { describe, expect, it } from 'vitest';
import { buildMenuTemplate, type MenuActions } from '../../electron/main/menuTemplate';
import type { RecentItem } from '../../shared/ipc/host';
import { RENDERER_COMMAND_IDS } from '../../shared/ipc/menu';
import { createRegistry, menuEntries } from '../../renderer/commands';
import { eventMatches } from '../../renderer/commands/keys';

const registry = createRegistry();
const entries = menuEntries(registry);

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
  const t = buildMenuTemplate(recent, actions, { platform: 'linux', appName: 'ContrastScope', entries }) as Item[];
  const file = t[0].submenu!;

  it('has File, View, Help and every renderer command exactly once', () => {
    expect(t.map((m) => m.label)).toEqual(['File', 'View', 'Help']);
    const ids = flatten(t).filter((i) => i.id).map((i) => i.id);
    expect([...ids].sort()).toEqual([...RENDERER_COMMAND_IDS].sort());
  });

  it('File lists the items in order, with Open Recent showing recent studies and maps', () => {
    expect(file.map((i) => i.label ?? i.type)).toEqual([
      'Open map…',
      'Open study folder…',
      'Open study table…',
      'Open Recent',
      'separator',
      'Save scene…',
      'Export view as PNG (the compare figure in Compare)…',
      'separator',
      'Quit',
    ]);
    const sub = file[3].submenu!;
    expect(sub.map((i) => i.label ?? i.type)).toEqual(['mdma-study (Study)', 'spmT_0001.nii.gz (Map)', 'separator', 'Clear Recent']);
    sub[1].click!();
    sub[3].click!();
    file[8].click!();
    file[0].click!();
    expect(log).toEqual(['recent /data/spmT_0001.nii.gz', 'clear', 'quit', 'command file.openMap']);
  });

  it('an empty recent list shows a disabled placeholder', () => {
    const empty = buildMenuTemplate([], recorder().actions, { platform: 'linux', appName: 'ContrastScope', entries }) as Item[];
    expect(empty[0].submenu![3].submenu).toEqual([{ label: 'No Recent Items', enabled: false }]);
  });
});

describe('buildMenuTemplate (macOS)', () => {
  const t = buildMenuTemplate(recent, recorder().actions, { platform: 'darwin', appName: 'ContrastScope', entries }) as Item[];
  it('adds the app menu and an Edit menu, and leaves Quit to the app menu', () => {
    expect(t.map((m) => m.label)).toEqual(['ContrastScope', 'File', 'Edit', 'View', 'Help']);
    expect(t[0].role).toBe('appMenu');
    const file = t[1].submenu!;
    expect(file.some((i) => i.label === 'Quit')).toBe(false);
    expect(file[file.length - 1].label).toBe('Export view as PNG (the compare figure in Compare)…');
  });
});

describe('menu and registry agree (one source for titles and keys)', () => {
  const t = buildMenuTemplate([], recorder().actions, { platform: 'linux', appName: 'ContrastScope', entries }) as Item[];
  const items = flatten(t).filter((i) => i.id);

  it('every menu accelerator is the registry keybinding, and the page handles it (not main)', () => {
    for (const item of items) {
      const cmd = registry.get(item.id!)!;
      expect(item.label, item.id).toBe(cmd.title.replace(/^[A-Z][A-Za-z ]*:\s+/, ''));
      if (!cmd.keybinding) {
        expect(item.accelerator, item.id).toBeUndefined();
        continue;
      }
      expect((item as { registerAccelerator?: boolean }).registerAccelerator, item.id).toBe(false);
      // The accelerator, pressed as a key, is matched by the registry binding the renderer runs.
      const parts = item.accelerator!.split('+');
      const key = parts.pop()!;
      const e = { key: key.length === 1 ? key.toLowerCase() : key, ctrlKey: parts.includes('CmdOrCtrl'), metaKey: false, shiftKey: parts.includes('Shift'), altKey: parts.includes('Alt') };
      expect(eventMatches(cmd.keybinding, e, false), `${item.id} ${item.accelerator}`).toBe(true);
    }
  });

  it('view.axial is 1 in both hosts (the menu once said CmdOrCtrl+1)', () => {
    expect(items.find((i) => i.id === 'view.axial')!.accelerator).toBe('1');
    expect(new Set(items.map((i) => i.accelerator).filter(Boolean)).size).toBe(items.filter((i) => i.accelerator).length);
  });
});
