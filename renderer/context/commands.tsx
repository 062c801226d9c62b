import { createContext, useContext } from 'react';
import type { CommandContext, CommandRegistry } from '../commands';

export interface CommandsValue {
  registry: CommandRegistry;
  ctx: CommandContext;
  run: (id: string, args?: unknown) => Promise<boolean>;
}

export const CommandsContext = createContext<CommandsValue | null>(null);

export function useCommands(): CommandsValue {
  const v = useContext(CommandsContext);
  if (!v) throw new Error('useCommands outside the app');
  return v;
}
