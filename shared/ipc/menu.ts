/**
 * The application menu as data. Main builds the native menu from it; clicking an item
 * sends its `commandId` to the renderer (HostApi.onCommand), which runs the registered
 * command of the same id. Ids starting with `host.` are handled by main itself.
 */

export interface MenuCommand {
  commandId: string;
  label: string;
  /** Electron accelerator syntax, e.g. `CmdOrCtrl+O`. */
  accelerator?: string;
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

export const APP_MENU: MenuSection[] = [
  {
    label: 'File',
    items: [
      { commandId: 'file.openMap', label: 'Open Map…', accelerator: 'CmdOrCtrl+O' },
      { commandId: 'file.openStudyFolder', label: 'Open Study Folder…', accelerator: 'CmdOrCtrl+Shift+O' },
      { commandId: 'file.openStudyTable', label: 'Open Study Table…', accelerator: 'CmdOrCtrl+Alt+O' },
      { commandId: HOST_COMMANDS.openRecent, label: 'Open Recent' },
      SEPARATOR,
      { commandId: 'file.saveScene', label: 'Save Scene…', accelerator: 'CmdOrCtrl+S' },
      { commandId: 'file.export', label: 'Export…', accelerator: 'CmdOrCtrl+E' },
      SEPARATOR,
      { commandId: HOST_COMMANDS.quit, label: 'Quit', accelerator: 'CmdOrCtrl+Q' },
    ],
  },
  {
    label: 'View',
    items: [
      { commandId: 'view.axial', label: 'Axial', accelerator: 'CmdOrCtrl+1' },
      { commandId: 'view.coronal', label: 'Coronal', accelerator: 'CmdOrCtrl+2' },
      { commandId: 'view.sagittal', label: 'Sagittal', accelerator: 'CmdOrCtrl+3' },
      { commandId: 'view.multiplanar', label: 'Multiplanar', accelerator: 'CmdOrCtrl+4' },
      { commandId: 'view.render3d', label: '3D', accelerator: 'CmdOrCtrl+5' },
      SEPARATOR,
      { commandId: 'view.toggleRadiological', label: 'Radiological Convention', accelerator: 'CmdOrCtrl+Shift+R' },
      { commandId: 'view.toggleAtlas', label: 'Toggle Atlas Outlines', accelerator: 'CmdOrCtrl+Shift+A' },
      SEPARATOR,
      { commandId: 'view.fullscreen', label: 'Full Screen', accelerator: 'F11' },
    ],
  },
  {
    label: 'Help',
    items: [{ commandId: HOST_COMMANDS.about, label: 'About ContrastScope' }],
  },
];

/** True for ids main forwards to the renderer. */
export function isRendererCommand(id: string): id is RendererCommandId {
  return (RENDERER_COMMAND_IDS as readonly string[]).includes(id);
}
