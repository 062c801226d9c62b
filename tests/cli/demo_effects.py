"""Independent check of the simulated demo's effects, from the files demo-data wrote.

numpy/scipy/nibabel only: paired t per voxel (scipy.stats.ttest_rel), Benjamini-Hochberg
by hand, ROI means from the bundled AAL atlas (1 mm) sampled at each 2 mm voxel centre.
Prints one JSON line.  usage: demo_effects.py DEMO_DIR ATLAS.nii.gz ATLAS.txt
"""
import glob, json, os, sys
import numpy as np
import nibabel as nib
from scipy import stats

demo, atlas_path, labels_path = sys.argv[1:4]

def maps(tail, cond):
    paths = sorted(glob.glob(os.path.join(demo, 'sub-*', f'sub-*_ses-{cond}_{tail}.nii.gz')))
    return np.stack([np.asarray(nib.load(p).dataobj, dtype=np.float64) for p in paths]), nib.load(paths[0]).affine

def bh(p):
    n = p.size
    order = np.argsort(p)
    ranked = p[order] * n / np.arange(1, n + 1)
    q = np.minimum.accumulate(ranked[::-1])[::-1]
    out = np.empty(n)
    out[order] = np.minimum(q, 1)
    return out

names = {}
for line in open(labels_path):
    parts = line.split()
    if len(parts) >= 2 and parts[0].isdigit():
        names[parts[1]] = int(parts[0])
atlas = nib.load(atlas_path)
adata = np.asarray(atlas.dataobj)

out = {}
for key, tail in [('faces', 'task-faces_stat-effect_statmap'),
                  ('seedHippocampusR', 'task-rest_seed-hippocampusR_desc-fisherz_statmap'),
                  ('seedMPFC', 'task-rest_seed-mPFC_desc-fisherz_statmap')]:
    a, aff = maps(tail, 'MDMA')
    b, _ = maps(tail, 'placebo')
    if key == 'faces':
        brain = np.any(a != 0, axis=0) | np.any(b != 0, axis=0)
        t, p = stats.ttest_rel(a[:, brain], b[:, brain], axis=0)
        q = bh(p)
        out['faces'] = {'n': int(a.shape[0]), 'tested': int(brain.sum()), 'fdrPositive': int(((q <= 0.05) & (t > 0)).sum()),
                        'fdrNegative': int(((q <= 0.05) & (t < 0)).sum()), 'maxT': float(t.max()), 'minT': float(t.min())}
    # AAL label at every 2 mm voxel centre (nearest 1 mm atlas voxel)
    ijk = np.indices(a.shape[1:]).reshape(3, -1)
    mm = aff[:3, :3] @ ijk + aff[:3, 3:4]
    vox = np.rint(np.linalg.inv(atlas.affine)[:3, :3] @ mm + np.linalg.inv(atlas.affine)[:3, 3:4]).astype(int)
    inside = np.all((vox >= 0) & (vox < np.array(adata.shape)[:, None]), axis=0)
    lab = np.zeros(ijk.shape[1], dtype=int)
    lab[inside] = adata[vox[0, inside], vox[1, inside], vox[2, inside]]
    lab = lab.reshape(a.shape[1:])
    rois = {}
    for roi, members in [('amygdala_L', ['Amygdala_L']), ('amygdala_R', ['Amygdala_R']),
                         ('hippocampus_R', ['Hippocampus_R']), ('hippocampus_bilateral', ['Hippocampus_L', 'Hippocampus_R']),
                         ('mpfc', ['Frontal_Sup_Medial_L', 'Frontal_Sup_Medial_R', 'Frontal_Med_Orb_L', 'Frontal_Med_Orb_R']),
                         ('pcc', ['Cingulum_Post_L', 'Cingulum_Post_R']),
                         ('prefrontal', [f'{s}_{h}' for s in ['Frontal_Sup', 'Frontal_Sup_Orb', 'Frontal_Mid', 'Frontal_Mid_Orb', 'Frontal_Inf_Oper', 'Frontal_Inf_Tri', 'Frontal_Inf_Orb', 'Frontal_Sup_Medial', 'Frontal_Med_Orb', 'Rectus'] for h in 'LR']),
                         ('fusiform', ['Fusiform_L', 'Fusiform_R']), ('occipital', ['Occipital_Inf_L', 'Occipital_Inf_R']),
                         ('postcentral', ['Postcentral_L', 'Postcentral_R'])]:
        m = np.isin(lab, [names[x] for x in members])
        ra, rb = a[:, m].mean(axis=1), b[:, m].mean(axis=1)
        d = ra - rb
        rois[roi] = {'voxels': int(m.sum()), 'placebo': float(rb.mean()), 'mdma': float(ra.mean()),
                     'dz': float(d.mean() / d.std(ddof=1)), 'p': float(stats.ttest_rel(ra, rb).pvalue)}
    out.setdefault(key, {})['rois'] = rois
print(json.dumps(out))
