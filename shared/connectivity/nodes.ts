import { cleanLabelName } from '../atlas/names';
import { splitDelimitedLine as splitCsvLine } from '../csv/read';
import { MATRIX_LIMITS, MatrixError, type Node } from './types';

const NAME_COLS = ['name', 'label', 'roi', 'node', 'region', 'roi_name', 'nodename'];

/**
 * A node table: name and MNI centroid per row. Accepts a header (name,x,y,z in any order; also
 * Power 2011's `ROI,X,Y,Z`) or none (`name x y z` or `x y z`, names then 1..n). CSV, TSV or spaces.
 */
export function parseNodeTable(text: string, fileName: string): Node[] {
  const fail = (msg: string): never => {
    throw new MatrixError(`${fileName}: ${msg}`, fileName);
  };
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (body.trim() === '') fail('node table is empty; expected rows of name, x, y, z');
  const raw = body.split(/\r\n|\r|\n/);
  const rows: { cells: string[]; no: number }[] = [];
  for (let i = 0; i < raw.length; i++) {
    const t = raw[i].trim();
    if (t === '' || t.startsWith('#')) continue;
    const cells = t.includes('\t') ? t.split('\t').map((c) => c.trim()) : t.includes(',') ? splitCsvLine(t, ',') : t.includes(';') ? splitCsvLine(t, ';') : t.split(/\s+/);
    rows.push({ cells, no: i + 1 });
    if (rows.length > MATRIX_LIMITS.maxNodes + 1) fail(`more than ${MATRIX_LIMITS.maxNodes} nodes`);
  }
  const num = (s: string | undefined) => (s !== undefined && s !== '' && Number.isFinite(Number(s)) ? Number(s) : null);
  let nameCol = -1;
  let xyz: [number, number, number] = [0, 1, 2];
  let start = 0;
  const h = rows[0].cells.map((c) => c.toLowerCase().replace(/[^a-z_]/g, ''));
  const xi = h.findIndex((c) => c === 'x' || c === 'mni_x' || c === 'xmm');
  if (xi >= 0) {
    const yi = h.findIndex((c) => c === 'y' || c === 'mni_y' || c === 'ymm');
    const zi = h.findIndex((c) => c === 'z' || c === 'mni_z' || c === 'zmm');
    if (yi < 0 || zi < 0) fail('header has x but not y and z columns');
    xyz = [xi, yi, zi];
    nameCol = h.findIndex((c) => NAME_COLS.includes(c));
    if (nameCol < 0 && h.length >= 4) nameCol = [0, 1, 2, 3].find((k) => !xyz.includes(k)) ?? -1;
    start = 1;
  } else if (rows[0].cells.length >= 4) {
    nameCol = 0;
    xyz = [1, 2, 3];
    if (num(rows[0].cells[1]) === null) start = 1; // an unrecognised header
  } else if (num(rows[0].cells[0]) === null) start = 1;
  const nodes: Node[] = [];
  for (let r = start; r < rows.length; r++) {
    const { cells, no } = rows[r];
    const c = xyz.map((k) => num(cells[k]));
    if (c.some((v) => v === null)) fail(`line ${no}: x, y, z must be numbers (found "${xyz.map((k) => cells[k] ?? '').join('", "').slice(0, 80)}")`);
    const name = nameCol >= 0 ? cleanLabelName(cells[nameCol] ?? '').name : '';
    nodes.push({ name: name || String(nodes.length + 1), x: c[0]!, y: c[1]!, z: c[2]! });
  }
  if (nodes.length === 0) fail('no node rows');
  return nodes;
}
