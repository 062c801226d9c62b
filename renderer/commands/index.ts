import { RENDERER_COMMAND_IDS, type MenuEntry } from '../../shared/ipc/menu';
import { CommandRegistry } from './registry';
import { appCommands } from './app';
import { editCommands } from './edit';
import { fileCommands } from './file';
import { layerCommands } from './layer';
import { studyCommands } from './study';
import { viewCommands } from './view';
import { compareCommands } from './compare';
import { comparePermCommands } from './comparePerm';
import { viewsCommands } from './views';
import { figureCommands } from './figure';
import { atlasCommands } from './atlas';

export type { Command, CommandContext, EngineApi, Snapshot, ViewCameras } from './types';
export { CommandRegistry } from './registry';

/** A registry with every built-in command. Later workspaces register theirs on the same registry. */
export function createRegistry(): CommandRegistry {
  const r = new CommandRegistry();
  r.register(...fileCommands, ...viewCommands, ...editCommands, ...layerCommands, ...studyCommands, ...appCommands);
  r.register(...compareCommands, ...comparePermCommands);
  r.register(...viewsCommands);
  r.register(...figureCommands);
  r.register(...atlasCommands);
  return r;
}

/** The menu's commands as the registry defines them: the native menu is built from these. */
export function menuEntries(registry: CommandRegistry): MenuEntry[] {
  return RENDERER_COMMAND_IDS.flatMap((id) => {
    const c = registry.get(id);
    return c ? [c.keybinding ? { id, title: c.title, keybinding: c.keybinding } : { id, title: c.title }] : [];
  });
}
