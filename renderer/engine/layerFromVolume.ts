/** Builds a scene Layer (metadata only) for a parsed volume. */
import { defaultDisplay, dofFromHeader, guessLayerKind, resampleNote, spaceWarning, DEFAULT_STAT_THRESHOLD, type Layer, type LayerKind, type LayerSource } from '../../shared/scene';
import type { Grid } from '../../shared/spaces/types';
import { pToT } from '../../shared/stats';
import type { ParsedVolume } from '../workers/protocol';

/** The threshold a statistic map opens with: t for p < 0.001 (one tail) when the dof is known. */
export function defaultStatThreshold(dof: number | null): number {
  if (dof === null) return DEFAULT_STAT_THRESHOLD;
  const t = pToT(0.001, dof, 1);
  return Number.isFinite(t) ? Math.round(t * 100) / 100 : DEFAULT_STAT_THRESHOLD;
}

export function layerFromVolume(id: string, source: LayerSource, v: ParsedVolume, templateGrid: Grid | null, forceKind?: LayerKind): Layer {
  const h = v.image.header;
  const kind = forceKind ?? guessLayerKind(v.image.name, h, v.isInteger);
  const dof = kind === 'stat' ? dofFromHeader(h) : null;
  const display = defaultDisplay(kind, { min: v.min, max: v.max }, defaultStatThreshold(dof));
  const notes: string[] = [];
  // The reader's own code-only note is replaced by the layer's fuller native-space warning below.
  const warnings: string[] = v.image.warnings.filter((w) => kind === 'template' || !w.startsWith('not marked as a standard'));
  const note = templateGrid ? resampleNote(v.image.grid, templateGrid) : null;
  if (note) notes.push(note);
  if (v.image.nFrames > 1) notes.push(`${v.image.nFrames} frames`);
  if (kind === 'stat') notes.push(dof !== null ? `t map, ${dof} degrees of freedom` : 'statistic map; degrees of freedom unknown');
  const space = kind === 'template' ? null : spaceWarning(h.sformCode, h.qformCode, v.image.grid);
  if (space) warnings.push(space);
  return {
    id,
    name: v.image.name,
    source,
    kind,
    visible: true,
    ...display,
    frame: 0,
    nFrames: v.image.nFrames,
    grid: v.image.grid,
    resampled: note !== null,
    notes,
    warnings,
    dof,
    dataRange: { min: v.min, max: v.max },
  };
}
