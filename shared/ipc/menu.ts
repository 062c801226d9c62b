/**
 * The application menu: its layout here, its titles and keys from the renderer's command
 * registry. The renderer reports the registry's entries for the menu's ids (HostApi.setMenu);
 * main builds the native menu from the layout and those entries, so a title or a shortcut is
 * written once, in the command. Clicking an item sends its `commandId` to the renderer
 * (HostApi.onCommand). Ids starting with `host.` are handled by main itself.
 */

export interface MenuCommand {
  commandId: string;
  label: string;
  /** Electron accelerator syntax, e.g. `CmdOrCtrl+O`. */
  accelerator?: string;
  /**
   * false: the menu shows the key but main does not take it; the page's shortcut handler runs
   * the command, in Electron and in the browser alike (plain keys like `1` must still type in
   * text fields, which a registered accelerator would prevent).
   */
  registerAccelerator?: boolean;
}

export interface MenuSection {
  label: string;
  items: MenuCommand[];
}

/** A divider line; not a command. */
export const SEPARATOR: MenuCommand = { commandId: '-', label: '' };

/** Items main handles itself (dialogs it owns, quitting, the recent list). */
export const HOST_COMMANDS = {
  openRecent: 'host.openRecent',
  quit: 'host.quit',
  about: 'host.about',
} as const;

const HOST_ITEMS: Record<string, MenuCommand> = {
  [HOST_COMMANDS.openRecent]: { commandId: HOST_COMMANDS.openRecent, label: 'Open Recent' },
  [HOST_COMMANDS.quit]: { commandId: HOST_COMMANDS.quit, label: 'Quit', accelerator: 'CmdOrCtrl+Q' },
  [HOST_COMMANDS.about]: { commandId: HOST_COMMANDS.about, label: 'About ContrastScope' },
};

/** The ids the renderer must register as commands. */
export const RENDERER_COMMAND_IDS = [
  'file.openMap',
  'file.openStudyFolder',
  'file.openStudyTable',
  'file.saveScene',
  'file.export',
  'view.axial',
  'view.coronal',
  'view.sagittal',
  'view.multiplanar',
  'view.render3d',
  'view.toggleRadiological',
  'view.toggleAtlas',
  'view.fullscreen',
] as const;

export type RendererCommandId = (typeof RENDERER_COMMAND_IDS)[number];

/** Where each item sits: ids, '-' for a divider. */
export const MENU_LAYOUT: { label: string; items: string[] }[] = [
  {
    label: 'File',
    items: ['file.openMap', 'file.openStudyFolder', 'file.openStudyTable', HOST_COMMANDS.openRecent, '-', 'file.saveScene', 'file.export', '-', HOST_COMMANDS.quit],
  },
  {
    label: 'View',
    items: ['view.axial', 'view.coronal', 'view.sagittal', 'view.multiplanar', 'view.render3d', '-', 'view.toggleRadiological', 'view.toggleAtlas', '-', 'view.fullscreen'],
  },
  { label: 'Help', items: [HOST_COMMANDS.about] },
];

/** What the renderer reports for one of RENDERER_COMMAND_IDS: the command's own title and key. */
export interface MenuEntry {
  id: string;
  title: string;
  /** registry syntax: 'Mod+Shift+O', 'r', 'F11' */
  keybinding?: string;
}

/** True for ids main forwards to the renderer. */
export function isRendererCommand(id: string): id is RendererCommandId {
  return (RENDERER_COMMAND_IDS as readonly string[]).includes(id);
}

/** 'View: Axial' -> 'Axial': the palette groups by the prefix, the menu already does. */
export function menuLabel(title: string): string {
  return title.replace(/^[A-Z][A-Za-z ]*:\s+/, '');
}

/** Registry key syntax to Electron's: 'Mod+Shift+o' -> 'CmdOrCtrl+Shift+O', 'r' -> 'R', 'F11' -> 'F11'. */
export function accelerator(binding: string): string {
  const parts = binding.split('+');
  const key = parts.pop()!;
  const mods = parts.map((m) => (m.toLowerCase() === 'mod' ? 'CmdOrCtrl' : m[0].toUpperCase() + m.slice(1).toLowerCase()));
  return [...mods, key.length === 1 ? key.toUpperCase() : key].join('+');
}

/**
 * The menu from the layout and the renderer's entries. A renderer item the page has not reported
 * (before it has loaded) is left out; its accelerator is shown, not registered (see MenuCommand).
 */
export function buildAppMenu(entries: readonly MenuEntry[]): MenuSection[] {
  const byId = new Map(entries.filter((e) => isRendererCommand(e.id)).map((e) => [e.id, e]));
  return MENU_LAYOUT.map((section) => {
    const items: MenuCommand[] = [];
    for (const id of section.items) {
      if (id === '-') {
        if (items.length > 0 && items[items.length - 1].commandId !== '-') items.push(SEPARATOR);
      } else if (HOST_ITEMS[id]) {
        items.push(HOST_ITEMS[id]);
      } else {
        const e = byId.get(id);
        if (e) items.push({ commandId: id, label: menuLabel(e.title), ...(e.keybinding ? { accelerator: accelerator(e.keybinding), registerAccelerator: false } : {}) });
      }
    }
    while (items.length > 0 && items[items.length - 1].commandId === '-') items.pop();
    return { label: section.label, items };
  });
}
