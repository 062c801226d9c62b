/** Atlases besides the bundled AAL: open one with its label table, add Brodmann, pick the one the cluster table uses. */
import type { Command } from './types';

const IMAGES = { name: 'Atlas image and label table', extensions: ['nii', 'nii.gz', 'gz', 'xml', 'txt', 'lut', 'tsv', 'csv', 'json'] };

export const atlasCommands: Command[] = [
  {
    id: 'atlas.open',
    title: 'Atlas: Open an atlas with its label table…',
    perform: async (ctx) => {
      if (!ctx.host) throw new Error('Files cannot be opened here (no host)');
      // Both files at once: the engine pairs them by name (or the only image with the only table).
      const refs = await ctx.host.openFiles({ title: 'Choose the atlas image and its label table', filters: [IMAGES], multiple: true });
      if (refs.length && ctx.engine) await ctx.engine.openFiles(refs);
    },
  },
  {
    id: 'atlas.addBrodmann',
    title: 'Atlas: Add Brodmann areas (bundled)',
    perform: async (ctx) => {
      await ctx.engine?.openBundledAtlas?.('brodmann');
    },
  },
  {
    id: 'compare.clusterAtlas',
    title: 'Compare: Name clusters with an atlas',
    palette: false,
    // args: { layerId } of an atlas layer, or null for the bundled AAL.
    perform: ({ store }, args) => {
      const id = (args as { layerId?: string | null } | undefined)?.layerId ?? null;
      const s = store.getState();
      const ok = id === null || s.scene.layers.some((l) => l.id === id && l.kind === 'atlas');
      if (!ok) throw new Error(`No atlas layer ${id}`);
      if (s.compare.clusterAtlasId !== id) store.setState({ compare: { ...s.compare, clusterAtlasId: id } });
    },
  },
];
