/** All user actions as data: menus, shortcuts, the palette and tests run them by id. */
import type { Scene } from '../../shared/scene';
import { actions } from '../store';
import type { Command, CommandContext, Patch } from './types';

export class CommandRegistry {
  private readonly commands = new Map<string, Command>();
  /** the scene when the open gesture (a slider drag) began, or null */
  private gestureBefore: Scene | null = null;
  private gestureStore: CommandContext['store'] | null = null;

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
    const capture = c.capture ?? 'never';
    // A 'now' step during a drag ends the drag first, so undo steps stay in the order they happened.
    if (capture === 'now') this.endGesture(ctx);
    const before = ctx.store.getState().scene;
    let patch: Patch | void;
    try {
      patch = await c.perform(ctx, args);
      if (patch) apply(ctx, patch);
    } catch (e) {
      actions.reportError(ctx.store, c.title, e instanceof Error ? e.message : String(e));
      return false;
    }
    const inGesture = capture === 'gesture' && this.gestureBefore !== null && this.gestureStore === ctx.store;
    if (capture !== 'never' && !inGesture) actions.pushUndo(ctx.store, before);
    if (patch && patch.after) {
      try {
        await patch.after();
      } catch (e) {
        actions.reportError(ctx.store, c.title, e instanceof Error ? e.message : String(e));
        return false;
      }
    }
    return true;
  }

  /** A gesture (slider drag) begins: the 'gesture' commands it runs become one undo step. */
  beginGesture(ctx: CommandContext): void {
    this.endGesture(ctx);
    this.gestureBefore = ctx.store.getState().scene;
    this.gestureStore = ctx.store;
  }

  /** The gesture ends (pointerup, change): one undo step when it changed the scene. */
  endGesture(ctx: CommandContext): void {
    const before = this.gestureBefore;
    const store = this.gestureStore;
    this.gestureBefore = null;
    this.gestureStore = null;
    if (before && store === ctx.store) actions.pushUndo(store, before);
  }

  get gestureOpen(): boolean {
    return this.gestureBefore !== null;
  }
}

/** One store update for a command's patch: scene and other state together. */
function apply(ctx: CommandContext, patch: Patch): void {
  const s = ctx.store.getState();
  const scene = patch.scene ? patch.scene(s.scene) : s.scene;
  if (scene === s.scene && !patch.state) return;
  ctx.store.setState({ ...(patch.state ?? {}), ...(scene !== s.scene ? { scene } : {}) });
}
