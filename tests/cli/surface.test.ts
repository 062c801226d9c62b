// contrastscope surface: GIfTI mesh + values that nibabel reads, checked against numpy/scipy.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { missingPython, missingShared, needs, PYTHON } from '../fixtures/references';
import { cli } from './cli-run';

const PY = '/usr/bin/python3';
const SPM_T = resolve('..', 'shared', 'data', 'real', 'bold-stats', 'spmT_0001.nii.gz');
const tmp = mkdtempSync(join(tmpdir(), 'cs-surface-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('contrastscope surface: bad input', () => {
  it('exits 2 with one line naming the problem', () => {
    const r = cli(['surface', 'resources/template_ch2bet.nii.gz', '--hemi', 'middle', '--out-mesh', join(tmp, 'a.surf.gii'), '--out-values', join(tmp, 'a.func.gii')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--hemi must be left or right \(got "middle"\)/);
    const same = cli(['surface', join(tmp, 'x.nii.gz'), '--hemi', 'left', '--out-mesh', join(tmp, 'x.nii.gz'), '--out-values', join(tmp, 'b.func.gii')]);
    expect(same.code).toBe(2);
    const missing = cli(['surface', join(tmp, 'nope.nii.gz'), '--hemi', 'left', '--out-mesh', join(tmp, 'c.surf.gii'), '--out-values', join(tmp, 'c.func.gii')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/nope\.nii\.gz/);
    expect(existsSync(join(tmp, 'c.surf.gii'))).toBe(false);
  });
});

const haveRefs = existsSync(PY) && existsSync(SPM_T);
describe.skipIf(!haveRefs && !process.env.CI)('contrastscope surface: nibabel reads it back', () => {
  it('writes a right-hemisphere mesh in MNI mm and values matching an independent projection', () => {
    const mesh = join(tmp, 'spmT.R.surf.gii');
    const values = join(tmp, 'spmT.R.func.gii');
    const r = cli(['surface', SPM_T, '--hemi', 'right', '--out-mesh', mesh, '--out-values', values]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const script = `
import sys, json, numpy as np, nibabel as nb
from scipy.ndimage import map_coordinates
g = nb.load(sys.argv[1]); f = nb.load(sys.argv[2]); img = nb.load(sys.argv[3])
pts = g.agg_data('NIFTI_INTENT_POINTSET').astype(np.float64); tri = g.agg_data('NIFTI_INTENT_TRIANGLE')
vals = f.darrays[0].data
# Area-weighted normals, computed here afresh.
n = np.zeros_like(pts)
fn = np.cross(pts[tri[:, 1]] - pts[tri[:, 0]], pts[tri[:, 2]] - pts[tri[:, 0]])
for k in range(3): np.add.at(n, tri[:, k], fn)
n /= np.linalg.norm(n, axis=1, keepdims=True)
vol = np.asarray(img.dataobj, dtype=np.float64)
inv = np.linalg.inv(img.affine)
idx = np.arange(0, len(pts), 97)
ref = []
for v in idx:
    s = pts[v] + np.linspace(-3, 3, 7)[:, None] * n[v]
    ijk = (inv @ np.c_[s, np.ones(7)].T)[:3]
    ok = np.all((ijk >= 0) & (ijk <= (np.array(vol.shape) - 1)[:, None]), axis=0)
    x = map_coordinates(vol, ijk[:, ok], order=1)
    x = x[~np.isnan(x)]
    ref.append(float(x[np.argmax(np.abs(x))]) if len(x) else None)
got = [None if np.isnan(vals[v]) else float(vals[v]) for v in idx]
print(json.dumps({'nv': len(pts), 'nt': len(tri), 'nvals': len(vals), 'xmin': float(pts[:, 0].min()), 'xmax': float(pts[:, 0].max()),
  'ymin': float(pts[:, 1].min()), 'zmax': float(pts[:, 2].max()), 'faces_max': int(tri.max()), 'ref': ref, 'got': got,
  'space': g.darrays[0].coordsys.dataspace, 'structure': g.darrays[0].meta.get('AnatomicalStructurePrimary')}))
`;
    writeFileSync(join(tmp, 'read.py'), script);
    const out = JSON.parse(execFileSync(PY, [join(tmp, 'read.py'), mesh, values, SPM_T], { encoding: 'utf8' })) as Record<string, unknown> & { ref: (number | null)[]; got: (number | null)[] };
    expect(out.nv).toBeGreaterThan(50_000);
    expect(out.nvals).toBe(out.nv);
    expect(out.faces_max).toBe((out.nv as number) - 1);
    expect(out.structure).toBe('CortexRight');
    expect(out.space).toBe(4); // NIFTI_XFORM_MNI_152
    // A right hemisphere in MNI mm: x from just right of the midline to ~+70, y back to ~-100, z up to ~+75.
    expect(out.xmin as number).toBeGreaterThan(0);
    expect(out.xmax as number).toBeGreaterThan(60);
    expect(out.ymin as number).toBeLessThan(-90);
    expect(out.zmax as number).toBeGreaterThan(65);
    let compared = 0;
    out.ref.forEach((x, k) => {
      if (x === null) expect(out.got[k]).toBeNull();
      else {
        // float32 positions and normals against float64: a few thousandths of t at most.
        expect(Math.abs((out.got[k] as number) - x)).toBeLessThan(2e-3 * Math.max(1, Math.abs(x)));
        compared++;
      }
    });
    expect(compared).toBeGreaterThan(500);
  }, 180_000);
});

// The projection rule written again in numpy (tests/cli/vol_to_surf_line.py: its own normals, its own
// trilinear, no scipy) on the real mesh the CLI writes and a real SPM t map, every vertex of both hemispheres.
describe('contrastscope surface: every vertex equals an independent numpy projection', needs(missingPython(['numpy', 'nibabel']), missingShared('data', 'real', 'bold-stats', 'spmT_0001.nii.gz')), () => {
  for (const hemi of ['left', 'right'] as const) {
    it(`${hemi} hemisphere, spmT_0001 to 1e-5`, () => {
      const mesh = join(tmp, `ref.${hemi}.surf.gii`);
      const values = join(tmp, `ref.${hemi}.func.gii`);
      const r = cli(['surface', SPM_T, '--hemi', hemi, '--out-mesh', mesh, '--out-values', values]);
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      const script = resolve('tests', 'cli', 'vol_to_surf_line.py');
      const out = JSON.parse(execFileSync(PYTHON, [script, mesh, SPM_T, values], { encoding: 'utf8' })) as { vertices: number; values: number; with_value: number; nan_mismatch: number; max_abs_diff: number; max_abs_value: number; differing_1e5: number };
      expect(out.vertices).toBeGreaterThan(100_000);
      expect(out.values).toBe(out.vertices);
      // The map covers the brain: nearly every vertex has a sample, and the t values are real ones.
      expect(out.with_value).toBeGreaterThan(out.vertices * 0.99);
      expect(out.max_abs_value).toBeGreaterThan(3);
      expect(out.nan_mismatch).toBe(0);
      expect(out.differing_1e5).toBe(0);
      expect(out.max_abs_diff).toBeLessThan(1e-5);
    }, 180_000);
  }
});
