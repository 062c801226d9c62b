/**
 * The native menu template: the layout in shared/ipc/menu.ts with the titles and keys the
 * renderer's command registry reported (buildAppMenu).
 * Type-only electron import, so tests can check the template without Electron.
 */
import type { MenuItemConstructorOptions } from 'electron';
import type { RecentItem } from '../../shared/ipc/host';
import { buildAppMenu, HOST_COMMANDS, isRendererCommand, type MenuEntry } from '../../shared/ipc/menu';

export interface MenuActions {
  /** A renderer command was chosen: send its id to the focused window. */
  sendCommand(commandId: string): void;
  openRecent(item: RecentItem): void;
  clearRecent(): void;
  quit(): void;
  about(): void;
}

const RECENT_KIND_LABEL: Record<RecentItem['kind'], string> = { study: 'Study', map: 'Map', scene: 'Scene' };

function recentSubmenu(recent: RecentItem[], actions: MenuActions): MenuItemConstructorOptions[] {
  if (recent.length === 0) return [{ label: 'No Recent Items', enabled: false }];
  return [
    ...recent.map((item): MenuItemConstructorOptions => ({
      label: `${item.label} (${RECENT_KIND_LABEL[item.kind]})`,
      toolTip: item.path,
      click: () => actions.openRecent(item),
    })),
    { type: 'separator' },
    { label: 'Clear Recent', click: () => actions.clearRecent() },
  ];
}

export function buildMenuTemplate(
  recent: RecentItem[],
  actions: MenuActions,
  options: { platform: NodeJS.Platform; appName: string; entries: readonly MenuEntry[] },
): MenuItemConstructorOptions[] {
  const sections = buildAppMenu(options.entries);
  const template: MenuItemConstructorOptions[] = [];
  if (options.platform === 'darwin') template.push({ label: options.appName, role: 'appMenu' });
  for (const section of sections) {
    const submenu: MenuItemConstructorOptions[] = [];
    for (const item of section.items) {
      if (item.commandId === '-') {
        submenu.push({ type: 'separator' });
      } else if (item.commandId === HOST_COMMANDS.openRecent) {
        submenu.push({ label: item.label, submenu: recentSubmenu(recent, actions) });
      } else if (item.commandId === HOST_COMMANDS.quit) {
        // macOS has Quit in the app menu already.
        if (options.platform !== 'darwin') submenu.push({ label: item.label, accelerator: item.accelerator, click: () => actions.quit() });
      } else if (item.commandId === HOST_COMMANDS.about) {
        submenu.push({ label: item.label, click: () => actions.about() });
      } else if (isRendererCommand(item.commandId)) {
        const id = item.commandId;
        submenu.push({ id, label: item.label, accelerator: item.accelerator, registerAccelerator: item.registerAccelerator, click: () => actions.sendCommand(id) });
      }
    }
    // Trailing separators appear when Quit is dropped on macOS.
    while (submenu.length > 0 && submenu[submenu.length - 1].type === 'separator') submenu.pop();
    template.push({ label: section.label, submenu });
    if (section.label === 'File' && options.platform === 'darwin') {
      // Cut/copy/paste in text fields need these roles on macOS.
      template.push({ label: 'Edit', submenu: [{ role: 'cut' }, { role: 'copy' }, { role: 'paste' }, { role: 'selectAll' }] });
    }
  }
  return template;
}
