/** Pure edits of the figures in a scene: each returns a new list (undo keeps the old scene). */
import type { Figure, Panel, Page } from './schema';
import { DPI_MAX, DPI_MIN } from './schema';

export const DEFAULT_PAGE: Page = { widthMm: 183, heightMm: null, dpi: 300, fontPt: 7, background: 'white' };

function nextId(ids: string[], stem: string): string {
  const taken = new Set(ids);
  let k = ids.length + 1;
  while (taken.has(`${stem}${k}`)) k++;
  return `${stem}${k}`;
}

/** A new empty figure; a missing or taken name becomes "Figure N". */
export function newFigure(figures: Figure[], name?: string, study: Figure['study'] = null): Figure {
  const names = new Set(figures.map((f) => f.name));
  let clean = (name ?? '').trim().slice(0, 120);
  if (!clean || names.has(clean)) {
    let n = figures.length + 1;
    const stem = clean || 'Figure';
    while (names.has(`${stem} ${n}`)) n++;
    clean = `${stem} ${n}`;
  }
  return { id: nextId(figures.map((f) => f.id), 'f'), name: clean, page: { ...DEFAULT_PAGE }, columns: 2, colorbar: 'shared', panels: [], study, caption: '' };
}

export function figureById(figures: Figure[], id: string): Figure {
  const f = figures.find((x) => x.id === id);
  if (!f) throw new Error('There is no such figure');
  return f;
}

function replace(figures: Figure[], id: string, edit: (f: Figure) => Figure): Figure[] {
  figureById(figures, id);
  return figures.map((f) => (f.id === id ? edit(f) : f));
}

export type NewPanel = Panel extends infer P ? (P extends Panel ? Omit<P, 'id'> : never) : never;

/** Adds a panel at the end, with a fresh id; the figure's study is set from the first panel's. */
export function addPanel(figures: Figure[], figureId: string, panel: NewPanel, study?: Figure['study']): Figure[] {
  return replace(figures, figureId, (f) => {
    if (f.panels.length >= 26) throw new Error('A figure holds at most 26 panels (A to Z)');
    const id = nextId(f.panels.map((p) => p.id), 'p');
    return { ...f, study: f.study ?? study ?? null, panels: [...f.panels, { ...panel, id } as Panel] };
  });
}

export function removePanel(figures: Figure[], figureId: string, panelId: string): Figure[] {
  return replace(figures, figureId, (f) => ({ ...f, panels: f.panels.filter((p) => p.id !== panelId) }));
}

/** Moves a panel to position `to` (0-based), as a drag and drop does. */
export function movePanel(figures: Figure[], figureId: string, panelId: string, to: number): Figure[] {
  return replace(figures, figureId, (f) => {
    const from = f.panels.findIndex((p) => p.id === panelId);
    if (from < 0) throw new Error('There is no such panel');
    const panels = [...f.panels];
    const [p] = panels.splice(from, 1);
    panels.splice(Math.max(0, Math.min(panels.length, to)), 0, p);
    return { ...f, panels };
  });
}

/** Changes a panel's settings; the kind and id stay. */
export function updatePanel(figures: Figure[], figureId: string, panelId: string, patch: Record<string, unknown>): Figure[] {
  return replace(figures, figureId, (f) => {
    if (!f.panels.some((p) => p.id === panelId)) throw new Error('There is no such panel');
    return { ...f, panels: f.panels.map((p) => (p.id === panelId ? ({ ...p, ...patch, id: p.id, kind: p.kind } as Panel) : p)) };
  });
}

/** Changes page settings, refusing values a journal page cannot have. */
export function updatePage(figures: Figure[], figureId: string, patch: Partial<Page>): Figure[] {
  if (patch.dpi !== undefined && !(Number.isInteger(patch.dpi) && patch.dpi >= DPI_MIN && patch.dpi <= DPI_MAX)) throw new Error(`DPI must be a whole number from ${DPI_MIN} to ${DPI_MAX}`);
  if (patch.widthMm !== undefined && !(patch.widthMm >= 30 && patch.widthMm <= 500)) throw new Error('The page width must be 30 to 500 mm');
  if (patch.fontPt !== undefined && !(patch.fontPt >= 5 && patch.fontPt <= 14)) throw new Error('The base font must be 5 to 14 pt (journals ask for at least 5-7 pt)');
  if (patch.heightMm !== undefined && patch.heightMm !== null && !(patch.heightMm >= 20 && patch.heightMm <= 700)) throw new Error('A fixed page height must be 20 to 700 mm');
  return replace(figures, figureId, (f) => ({ ...f, page: { ...f.page, ...patch } }));
}

export function updateFigure(figures: Figure[], figureId: string, patch: Partial<Pick<Figure, 'name' | 'columns' | 'colorbar' | 'caption'>>): Figure[] {
  if (patch.name !== undefined) {
    const name = patch.name.trim().slice(0, 120);
    if (!name) throw new Error('A figure needs a name');
    if (figures.some((f) => f.id !== figureId && f.name === name)) throw new Error(`There is already a figure called "${name}"`);
    patch = { ...patch, name };
  }
  if (patch.columns !== undefined && !(Number.isInteger(patch.columns) && patch.columns >= 1 && patch.columns <= 6)) throw new Error('Columns must be 1 to 6');
  return replace(figures, figureId, (f) => ({ ...f, ...patch }));
}

export function removeFigure(figures: Figure[], figureId: string): Figure[] {
  figureById(figures, figureId);
  return figures.filter((f) => f.id !== figureId);
}

/** Panel letters: A, B, C, … in page order. */
export const panelLetter = (index: number): string => String.fromCharCode(65 + index);
