/** Layer panel actions. With no arguments they act on the selected layer. */
import { moveLayer, removeLayer, updateLayer, type LayerPatch } from '../../shared/scene';
import { actions, type AppState } from '../store';
import type { Command, CommandContext } from './types';

function targetId(ctx: CommandContext, args: unknown): string {
  const id = (args as { id?: string } | undefined)?.id ?? ctx.store.getState().selectedLayerId;
  if (!id) throw new Error('Select a layer first');
  return id;
}

const hasSelection = (s: AppState) => s.selectedLayerId !== null;

export const layerCommands: Command[] = [
  {
    id: 'layer.setDisplay',
    title: 'Layer: Change display',
    palette: false,
    // The opacity slider runs this on every move; a drag is one undo step (LayerRow).
    capture: 'gesture',
    perform: (ctx, args) => {
      const patch = (args as { patch?: LayerPatch } | undefined)?.patch;
      if (!patch) throw new Error('No display change given');
      const id = targetId(ctx, args);
      actions.setScene(ctx.store, (s) => updateLayer(s, id, patch));
    },
  },
  {
    id: 'layer.toggleVisible',
    title: 'Layer: Show / hide selected layer',
    keybinding: 'v',
    when: hasSelection,
    capture: 'now',
    perform: (ctx, args) => {
      const id = targetId(ctx, args);
      actions.setScene(ctx.store, (s) => updateLayer(s, id, { visible: !s.layers.find((l) => l.id === id)?.visible }));
    },
  },
  {
    id: 'layer.remove',
    title: 'Layer: Remove selected layer',
    keybinding: 'Delete',
    when: hasSelection,
    capture: 'now',
    perform: (ctx, args) => {
      const id = targetId(ctx, args);
      const layer = ctx.store.getState().scene.layers.find((l) => l.id === id);
      if (layer?.kind === 'template') throw new Error('The template is the background of every view and cannot be removed');
      actions.setScene(ctx.store, (s) => removeLayer(s, id));
      if (ctx.store.getState().selectedLayerId === id) actions.select(ctx.store, null);
    },
  },
  {
    id: 'layer.moveUp',
    title: 'Layer: Move selected layer up',
    when: hasSelection,
    capture: 'now',
    perform: (ctx, args) => {
      const id = targetId(ctx, args);
      actions.setScene(ctx.store, (s) => moveLayer(s, id, 'up'));
    },
  },
  {
    id: 'layer.moveDown',
    title: 'Layer: Move selected layer down',
    when: hasSelection,
    capture: 'now',
    perform: (ctx, args) => {
      const id = targetId(ctx, args);
      actions.setScene(ctx.store, (s) => moveLayer(s, id, 'down'));
    },
  },
];
