/** All user actions as data: menus, shortcuts, the palette and tests run them by id. */
import { actions } from '../store';
import type { Command, CommandContext } from './types';

export class CommandRegistry {
  private readonly commands = new Map<string, Command>();

  register(...cmds: Command[]): void {
    for (const c of cmds) {
      if (this.commands.has(c.id)) throw new Error(`Command ${c.id} is registered twice`);
      this.commands.set(c.id, c);
    }
  }

  get(id: string): Command | undefined {
    return this.commands.get(id);
  }

  all(): Command[] {
    return [...this.commands.values()];
  }

  isEnabled(id: string, ctx: CommandContext): boolean {
    const c = this.commands.get(id);
    return !!c && (!c.when || c.when(ctx.store.getState()));
  }

  /**
   * Runs a command; errors become a banner, never an exception in a key handler.
   * Undo is recorded here so each command stays a plain function of the scene.
   */
  async run(id: string, ctx: CommandContext, args?: unknown): Promise<boolean> {
    const c = this.commands.get(id);
    if (!c) {
      actions.reportError(ctx.store, 'Command', `There is no command "${id}"`);
      return false;
    }
    // `when` guards the argument-free form (shortcuts, menus, palette); a panel passing an
    // explicit target (e.g. { id }) has already chosen what to act on.
    if (args === undefined && c.when && !c.when(ctx.store.getState())) return false;
    const before = ctx.store.getState().scene;
    try {
      await c.perform(ctx, args);
    } catch (e) {
      actions.reportError(ctx.store, c.title, e instanceof Error ? e.message : String(e));
      return false;
    }
    if (c.undoable) actions.pushUndo(ctx.store, before);
    return true;
  }
}
