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

/**
 * Props for a slider whose drag is one undo step: the registry's gesture begins on pointerdown and
 * ends on pointerup anywhere (the pointer may leave the slider while dragging). Keyboard changes
 * outside a drag are one step each.
 */
export function useGesture(): { onPointerDown: () => void } {
  const { registry, ctx } = useCommands();
  return {
    onPointerDown: () => {
      registry.beginGesture(ctx);
      const end = () => {
        window.removeEventListener('pointerup', end, true);
        window.removeEventListener('pointercancel', end, true);
        registry.endGesture(ctx);
      };
      window.addEventListener('pointerup', end, true);
      window.addEventListener('pointercancel', end, true);
    },
  };
}
