// `contrastscope clusters` on stat_1mm: the CSV equals the engine's table and reproduces
// reference.py (110 / 61 clusters, top-5 sizes, peaks and centres to 0.01 mm); CSV escaping.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { atlasLike, makeAtlas, parseLabelTable } from '../../shared/atlas/index';
import { findClusters } from '../../shared/clusters/index';
import { writeNifti } from '../../shared/nifti/index';
import { benchInputs, missingReference } from '../fixtures/bench-inputs';
import { needs } from '../fixtures/references';
import { cliAsync } from './cli-run';
import { loadNifti } from '../unit/reference/load';

const tmp = mkdtempSync(join(tmpdir(), 'cs-cli-clusters-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const runCli = cliAsync;

const HEADER = 'cluster,sign,n_voxels,volume_mm3,peak_value,peak_x,peak_y,peak_z,com_x,com_y,com_z,peak_label,top_labels,peak_kind';

/** Minimal CSV reader for our own output (quoted cells with "" escapes). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  for (const line of text.trimEnd().split('\n')) {
    const cells: string[] = [];
    let cur = '';
    let quoted = false;
    for (let i = 0; i < line.length; i++) {
      const ch = line[i];
      if (quoted) {
        if (ch === '"' && line[i + 1] === '"') {
          cur += '"';
          i++;
        }
        else if (ch === '"') quoted = false;
        else cur += ch;
      } else if (ch === '"') quoted = true;
      else if (ch === ',') {
        cells.push(cur);
        cur = '';
      }
      else cur += ch;
    }
    cells.push(cur);
    rows.push(cells);
  }
  return rows;
}

describe('clusters: small map, CSV escaping and bad input', () => {
  it('escapes formula-like label names but not negative numbers; quotes commas', async () => {
    const affine = [-2, 0, 0, 10, 0, 2, 0, -10, 0, 0, 2, -10, 0, 0, 0, 1];
    const map = new Float32Array(6 * 6 * 6);
    const atlas = new Uint8Array(6 * 6 * 6);
    const at = (i: number, j: number, k: number) => i + 6 * (j + 6 * k);
    map[at(1, 1, 1)] = -5; // negative cluster: 2 voxels, peak label "=HYPERLINK(x)"
    map[at(2, 1, 1)] = -4;
    atlas[at(1, 1, 1)] = 1;
    atlas[at(2, 1, 1)] = 2;
    map[at(4, 4, 4)] = 4.5; // positive singleton in "-Insula, left"
    atlas[at(4, 4, 4)] = 2;
    writeFileSync(join(tmp, 'map.nii'), writeNifti({ dims: [6, 6, 6], affine, data: map }));
    writeFileSync(join(tmp, 'atlas.nii'), writeNifti({ dims: [6, 6, 6], affine, data: atlas }));
    writeFileSync(join(tmp, 'labels.tsv'), 'index\tname\n1\t=HYPERLINK(x)\n2\t-Insula, left\n');
    const csv = join(tmp, 'small.csv');
    const [r, bad, noLabels] = await Promise.all([
      runCli(['clusters', join(tmp, 'map.nii'), '--threshold', '3', '--two-sided', '--connectivity', '6',
        '--atlas', join(tmp, 'atlas.nii'), '--labels', join(tmp, 'labels.tsv'), '--csv', csv]),
      runCli(['clusters', join(tmp, 'map.nii'), '--threshold', 'abc']),
      runCli(['clusters', join(tmp, 'map.nii'), '--threshold', '3', '--atlas', join(tmp, 'atlas.nii')]),
    ]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const text = readFileSync(csv, 'utf8');
    const lines = text.trimEnd().split('\n');
    expect(lines[0]).toBe(HEADER);
    // cluster 1: 2 voxels, sign -1, 16 mm3, peak -5 at voxel (1,1,1) = (8,-8,-8) mm;
    // COM i = (5*1 + 4*2)/9 -> x = -2*13/9 + 10 = 7.11
    expect(lines[1]).toBe(`1,-1,2,16,-5,8,-8,-8,7.11,-8,-8,'=HYPERLINK(x),"'=HYPERLINK(x) 50%; -Insula, left 50%",peak`);
    expect(lines[2]).toBe(`2,1,1,8,4.5,2,-2,-2,2,-2,-2,"'-Insula, left","'-Insula, left 100%",peak`);
    expect(parseCsv(text)[2]).toEqual(['2', '1', '1', '8', '4.5', '2', '-2', '-2', '2', '-2', '-2', "'-Insula, left", "'-Insula, left 100%", 'peak']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--threshold expects a number \(got "abc"\)/);
    expect(noLabels.code).toBe(2);
    expect(noLabels.stderr).toMatch(/--atlas and --labels go together/);
  });

  it('--subpeaks N --min-distance MM: subpeak rows under their cluster; bad values exit 2', async () => {
    // 12x4x4 grid, 2 mm: a ridge along i at (j,k) = (1,1) with maxima at i = 1 (9), 5 (8), 7 (7), 10 (6)
    const affine = [-2, 0, 0, 10, 0, 2, 0, -10, 0, 0, 2, -10, 0, 0, 0, 1];
    const map = new Float32Array(12 * 4 * 4);
    [4, 9, 5, 4, 5, 8, 4, 7, 4, 4, 6, 4].forEach((v, i) => (map[i + 12 * (1 + 4 * 1)] = v));
    writeFileSync(join(tmp, 'ridge.nii'), writeNifti({ dims: [12, 4, 4], affine, data: map }));
    const csv = join(tmp, 'ridge.csv');
    const [r, none, badN, badD] = await Promise.all([
      runCli(['clusters', join(tmp, 'ridge.nii'), '--threshold', '3', '--subpeaks', '3', '--min-distance', '8', '--csv', csv]),
      runCli(['clusters', join(tmp, 'ridge.nii'), '--threshold', '3', '--csv', join(tmp, 'ridge0.csv')]),
      runCli(['clusters', join(tmp, 'ridge.nii'), '--threshold', '3', '--subpeaks', '1.5']),
      runCli(['clusters', join(tmp, 'ridge.nii'), '--threshold', '3', '--min-distance', '-2']),
    ]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const rows = parseCsv(readFileSync(csv, 'utf8'));
    expect(rows[0].join(',')).toBe(HEADER);
    // peak i=1 -> x = 8; i=5 (8 mm away) kept -> x = 0; i=7 is 4 mm from i=5: dropped; i=10 (6 mm from i=7, 10 mm from i=5) kept -> x = -10
    expect(rows.slice(1).map((c) => [c[0], c[4], c[5], c[13]])).toEqual([
      ['1', '9', '8', 'peak'],
      ['1', '8', '0', 'subpeak'],
      ['1', '6', '-10', 'subpeak'],
    ]);
    expect(rows[2].slice(5, 8)).toEqual(['0', '-8', '-8']);
    expect(rows[2][2]).toBe(''); // size belongs to the cluster row
    expect(r.stdout).toMatch(/subpeak/);
    // default --subpeaks 0: one row per cluster, as before, marked peak
    expect(none.code).toBe(0);
    expect(parseCsv(readFileSync(join(tmp, 'ridge0.csv'), 'utf8')).slice(1).map((c) => c[13])).toEqual(['peak']);
    expect(badN.code).toBe(2);
    expect(badN.stderr).toMatch(/--subpeaks expects a whole number/);
    expect(badD.code).toBe(2);
    expect(badD.stderr).toMatch(/--min-distance/);
  });
});

describe('clusters of stat_1mm.nii.gz (reference.py)', needs(missingReference), () => {
  let inputs = '';
  let two: Awaited<ReturnType<typeof runCli>>;
  let six: Awaited<ReturnType<typeof runCli>>;
  beforeAll(async () => {
    inputs = (await benchInputs()) ?? '';
    [two, six] = await Promise.all([
      runCli(['clusters', join(inputs, 'stat_1mm.nii.gz'), '--threshold', '3', '--two-sided',
        '--atlas', join(inputs, 'atlas_1mm.nii.gz'), '--labels', join(inputs, 'atlas_labels.tsv'), '--csv', join(tmp, 'two.csv')]),
      runCli(['clusters', join(inputs, 'stat_1mm.nii.gz'), '--threshold', '3', '--connectivity', '6', '--min-voxels', '1', '--csv', join(tmp, 'six.csv')]),
    ]);
  });

  it('two-sided 26-connected: 110 rows, reference top 5, same table as the engine', () => {
    expect(two.stderr).toBe('');
    expect(two.code).toBe(0);
    expect(two.stdout.split('\n')[0]).toBe('stat_1mm.nii.gz: 110 clusters (22641 voxels) with |value| > 3, 26-connectivity');
    const rows = parseCsv(readFileSync(join(tmp, 'two.csv'), 'utf8'));
    expect(rows[0].join(',')).toBe(HEADER);
    expect(rows.length).toBe(111);
    // reference.py cluster_table top 5: size, peak, peak mm, COM mm (2 decimals)
    const ref = [
      [5371, 7.7841, 2, -60, -34, -0.25, -59.44, -36.27],
      [4689, 7.265, -41, -20, 48, -40.1, -21.44, 52.22],
      [4087, -6.7097, 2, 43, 17, 1.32, 41.21, 16.27],
      [1905, 7.0149, 42, -63, 8, 43.9, -64.03, 8.02],
      [814, -5.365, 24, -83, 4, 24.11, -83.67, 3.17],
    ];
    ref.forEach((want, n) => {
      const row = rows[n + 1].map(Number);
      expect(row[0]).toBe(n + 1);
      expect(row[2]).toBe(want[0]);
      expect(row[3]).toBe(want[0]);
      expect(row[4]).toBeCloseTo(want[1], 4);
      expect(row.slice(5, 8)).toEqual(want.slice(2, 5));
      for (let d = 0; d < 3; d++) expect(Math.abs(row[8 + d] - want[5 + d])).toBeLessThanOrEqual(0.0100001);
    });
    // labels equal the engine's with the same atlas
    const img = loadNifti(join(inputs, 'stat_1mm.nii.gz'));
    const table = parseLabelTable(readFileSync(join(inputs, 'atlas_labels.tsv'), 'utf8'), 'atlas_labels.tsv');
    const atlas = atlasLike(makeAtlas(loadNifti(join(inputs, 'atlas_1mm.nii.gz')), table));
    const engine = findClusters(img.data, img.grid, { threshold: 3, twoSided: true, connectivity: 26, atlas });
    engine.clusters.forEach((c, n) => {
      expect(rows[n + 1][1]).toBe(String(c.sign));
      expect(rows[n + 1][11]).toBe(c.peakLabel);
      expect(rows[n + 1][12]).toBe(c.topLabels.map((s) => `${s.name} ${Math.round(s.fraction * 100)}%`).join('; '));
    });
    expect(rows[1][11]).toMatch(/^Region_\d{3}$/);
  });

  it('one-sided 6-connected: 61 clusters', () => {
    expect(six.code).toBe(0);
    expect(six.stdout.split('\n')[0]).toBe('stat_1mm.nii.gz: 61 clusters (14924 voxels) with value > 3, 6-connectivity');
    const rows = parseCsv(readFileSync(join(tmp, 'six.csv'), 'utf8'));
    expect(rows.length).toBe(62);
    expect(rows.slice(1).every((r) => r[1] === '1')).toBe(true);
  });
});
