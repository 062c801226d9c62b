import { CommandRegistry } from './registry';
import { appCommands } from './app';
import { editCommands } from './edit';
import { fileCommands } from './file';
import { layerCommands } from './layer';
import { viewCommands } from './view';

export type { Command, CommandContext, EngineApi } from './types';
export { CommandRegistry } from './registry';

/** A registry with every built-in command. Later workspaces register theirs on the same registry. */
export function createRegistry(): CommandRegistry {
  const r = new CommandRegistry();
  r.register(...fileCommands, ...viewCommands, ...editCommands, ...layerCommands, ...appCommands);
  return r;
}
