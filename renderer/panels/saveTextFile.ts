import type { CommandContext } from '../commands/types';
import { actions } from '../store';

/** Saves an exported table (or image bytes) through the host; a failure becomes a banner naming the file. */
export async function saveTextFile(ctx: Pick<CommandContext, 'store' | 'host'>, file: string, data: string | Uint8Array, title: string): Promise<void> {
  if (!ctx.host) return;
  try {
    await ctx.host.saveFile(file, data, { title });
  } catch (e) {
    actions.reportError(ctx.store, file, e instanceof Error ? e.message : String(e));
  }
}
