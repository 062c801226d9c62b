import { actions, canRedo, canUndo } from '../store';
import type { Command } from './types';

export const editCommands: Command[] = [
  { id: 'edit.undo', title: 'Edit: Undo', keybinding: 'Mod+z', when: canUndo, perform: ({ store }) => void actions.undo(store) },
  { id: 'edit.redo', title: 'Edit: Redo', keybinding: 'Mod+Shift+z', when: canRedo, perform: ({ store }) => void actions.redo(store) },
];
