/** Study commands: open a study folder or table, confirm or cancel the inferred table, pick a measure. */
import { confirmPendingImport, cancelPendingImport, importFolderListing, importTableFile, loadActive, openRecentItem } from '../engine/studyOpen';
import { openDemoStudy } from '../engine/studyDemo';
import type { RecentItem } from '../../shared/ipc/host';
import { shownMeasureId } from '../store';
import type { Command, CommandContext, Patch } from './types';

const TABLES = { name: 'Study tables', extensions: ['tsv', 'csv', 'txt'] };
const MAPS = { name: 'Subject files', extensions: ['nii', 'gz', 'tsv', 'csv'] };

function needHost(ctx: CommandContext) {
  if (!ctx.host) throw new Error('Files cannot be opened here (no host)');
  return ctx.host;
}

export const studyCommands: Command[] = [
  {
    id: 'file.openStudyFolder',
    title: 'File: Open study folder…',
    keybinding: 'Mod+Shift+o',
    perform: async (ctx) => {
      const listing = await needHost(ctx).openFolder({ title: 'Open a study folder' });
      if (listing) await importFolderListing(ctx, listing);
    },
  },
  {
    id: 'file.openStudyTable',
    title: 'File: Open study table…',
    keybinding: 'Mod+Alt+o',
    perform: async (ctx) => {
      const host = needHost(ctx);
      // In the browser the table's files are picked with it; Electron reads them beside the table.
      const refs = await host.openFiles({ title: 'Open a study table', filters: host.kind === 'web' ? [TABLES, MAPS] : [TABLES], multiple: host.kind === 'web' });
      const table = refs.find((r) => /\.(tsv|csv|txt)$/i.test(r.name) && !/nodes\.(tsv|csv)$/i.test(r.name) && !/participants\.(tsv|csv)$/i.test(r.name));
      if (!table) {
        if (refs.length) throw new Error(`No study table among the picked files (${refs.map((r) => r.name).join(', ')}); a study table is a .tsv or .csv with columns subject, condition, measure, path.`);
        return;
      }
      await importTableFile(ctx, table, refs.filter((r) => r !== table));
    },
  },
  {
    id: 'study.confirmImport',
    title: 'Study: Confirm the imported table',
    when: (s) => s.pendingImport !== null,
    perform: (ctx) => confirmPendingImport(ctx),
  },
  {
    id: 'study.cancelImport',
    title: 'Study: Cancel the import',
    when: (s) => s.pendingImport !== null,
    perform: (ctx) => cancelPendingImport(ctx),
  },
  {
    id: 'study.selectMeasure',
    title: 'Study: Show measure',
    palette: false,
    capture: 'now',
    perform: (ctx, args) => {
      const id = (args as { id?: unknown } | undefined)?.id;
      if (typeof id !== 'string') throw new Error('Which measure? (study.selectMeasure needs { id })');
      return selectMeasure(ctx, id);
    },
  },
  {
    id: 'compare.nextMeasure',
    title: 'Compare: Switch to the next measure',
    keybinding: 'm',
    capture: 'now',
    when: (s) => s.workspace === 'compare' && !!s.study && s.study.measures.filter((m) => m.kind !== 'connectivity-matrix').length > 1,
    perform: (ctx) => {
      const s = ctx.store.getState();
      const maps = (s.study?.measures ?? []).filter((m) => m.kind !== 'connectivity-matrix');
      const next = maps[(maps.findIndex((m) => m.id === shownMeasureId(s)) + 1) % maps.length];
      return next ? selectMeasure(ctx, next.id) : undefined;
    },
  },
  {
    id: 'study.openDemo',
    title: 'Study: Open the simulated demo study',
    perform: (ctx) => openDemoStudy(ctx),
  },
  {
    id: 'study.openRecent',
    title: 'File: Open recent item',
    palette: false,
    perform: async (ctx, args) => {
      const item = args as RecentItem | undefined;
      if (!item || typeof item.path !== 'string') throw new Error('Which recent item? (study.openRecent needs the item)');
      await openRecentItem(ctx, item);
    },
  },
];

/**
 * The one way to choose the measure (study panel, Compare's menu, the M key): it leaves a group map,
 * falls back from percent change for measures that are not CBF-like, and loads the measure's maps.
 */
function selectMeasure(ctx: CommandContext, id: string): Patch {
  const m = ctx.store.getState().study?.measures.find((x) => x.id === id);
  if (!m) throw new Error(`The study has no measure "${id}"`);
  return {
    scene: (sc) => {
      const c = sc.compare;
      const statistic = c.statistic === 'percent-change' && m.kind !== 'cbf' ? 'paired-t' : c.statistic;
      if (c.measureId === m.id && c.groupMap === null && statistic === c.statistic) return sc;
      return { ...sc, compare: { ...c, measureId: m.id, groupMap: null, statistic } };
    },
    after: () => loadActive(ctx),
  };
}
