/**
 * A node × node matrix as a vector figure (SVG) for papers: cells, node names on both axes, a
 * vector colour bar with its unit, the title and (for simulated data) the notice. The colours are
 * the on-screen heatmap's, so the figure matches what was inspected.
 */

/** Diverging blue-white-red, as in nilearn's plot_matrix default (RdBu_r): -limit..+limit. */
export function divergingColour(v: number, limit: number): [number, number, number] {
  const x = Math.max(-1, Math.min(1, v / (limit || 1)));
  const a = Math.abs(x);
  const white = [247, 247, 247];
  const end = x >= 0 ? [178, 24, 43] : [33, 102, 172];
  return [0, 1, 2].map((k) => Math.round(white[k] + (end[k] - white[k]) * a)) as [number, number, number];
}

export interface MatrixFigure {
  title: string;
  names: string[];
  /** n × n, row-major; non-finite cells (the diagonal) are left empty */
  values: ArrayLike<number>;
  limit: number;
  unit: string;
  /** cells drawn faded (below threshold) where this is false */
  shown?: (i: number, j: number) => boolean;
  /** e.g. the simulated-data notice, printed under the figure */
  notice?: string;
}

const CELL = 16;
const FONT = 11;
const FADED = 0.18;

export function escapeXml(s: string): string {
  return s.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]!);
}

const fmt = (x: number) => Number(x.toFixed(2)).toString();

export function matrixSvg(f: MatrixFigure): string {
  const n = f.names.length;
  if (f.values.length !== n * n) throw new RangeError(`${f.values.length} values for ${n} nodes (need ${n * n})`);
  // Room for the longest name at ~0.6 em per character (no text measuring outside a browser).
  const label = Math.ceil(Math.max(40, ...f.names.map((x) => x.length * FONT * 0.6)) + 8);
  const top = 28 + label;
  const left = label;
  const grid = n * CELL;
  const barX = left + grid + 24;
  const width = barX + 70;
  const height = top + grid + (f.notice ? 40 : 20);
  const out: string[] = [];
  out.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="Helvetica, Arial, sans-serif" font-size="${FONT}">`);
  out.push(`<rect width="${width}" height="${height}" fill="#ffffff"/>`);
  out.push(`<text x="${left}" y="18" font-size="13" font-weight="bold">${escapeXml(f.title)}</text>`);
  out.push(`<g id="cells" shape-rendering="crispEdges">`);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      const v = f.values[i * n + j];
      if (!Number.isFinite(v)) continue;
      const [r, g, b] = divergingColour(v, f.limit);
      const faded = f.shown && !f.shown(i, j) ? ` fill-opacity="${FADED}"` : '';
      out.push(`<rect x="${left + j * CELL}" y="${top + i * CELL}" width="${CELL}" height="${CELL}" fill="rgb(${r},${g},${b})"${faded}><title>${escapeXml(`${f.names[i]} – ${f.names[j]}: ${v.toFixed(3)} ${f.unit}`)}</title></rect>`);
    }
  }
  out.push(`</g>`);
  out.push(`<rect x="${left}" y="${top}" width="${grid}" height="${grid}" fill="none" stroke="#444" stroke-width="0.5"/>`);
  out.push(`<g id="labels">`);
  f.names.forEach((name, i) => {
    const c = (i + 0.5) * CELL;
    out.push(`<text x="${left - 4}" y="${top + c}" text-anchor="end" dominant-baseline="middle">${escapeXml(name)}</text>`);
    out.push(`<text transform="translate(${left + c},${top - 4}) rotate(-90)" text-anchor="start" dominant-baseline="middle">${escapeXml(name)}</text>`);
  });
  out.push(`</g>`);
  // The colour bar: a vector gradient with ticks at -limit, 0 and +limit.
  out.push(`<defs><linearGradient id="bar" x1="0" y1="1" x2="0" y2="0">`);
  for (const s of [0, 0.25, 0.5, 0.75, 1]) {
    const [r, g, b] = divergingColour((s * 2 - 1) * f.limit, f.limit);
    out.push(`<stop offset="${s}" stop-color="rgb(${r},${g},${b})"/>`);
  }
  out.push(`</linearGradient></defs>`);
  out.push(`<g id="colourbar"><rect x="${barX}" y="${top}" width="12" height="${grid}" fill="url(#bar)" stroke="#444" stroke-width="0.5"/>`);
  for (const [v, y] of [[f.limit, top], [0, top + grid / 2], [-f.limit, top + grid]] as const) {
    out.push(`<line x1="${barX + 12}" x2="${barX + 16}" y1="${y}" y2="${y}" stroke="#444"/><text x="${barX + 18}" y="${y}" dominant-baseline="middle">${fmt(v)}</text>`);
  }
  out.push(`<text x="${barX}" y="${top - 8}">${escapeXml(f.unit)}</text></g>`);
  if (f.notice) out.push(`<text x="${left}" y="${top + grid + 26}" font-style="italic" fill="#8a4b00">${escapeXml(f.notice)}</text>`);
  out.push(`</svg>`);
  return out.join('\n');
}
