#!/usr/bin/python3
"""An independent implementation of the surface projection rule (nilearn vol_to_surf, kind='line'
idea), written from the rule and not from shared/mesh/project.ts, to check `contrastscope surface`.

Rule: each vertex samples the map along its unit normal at depths -3, -2, ..., +3 mm (7 steps).
Each sample is trilinear on the voxel grid (MNI mm -> voxel through the inverse affine). A sample
outside the grid ([0, n-1] on each axis) or whose interpolation involves a NaN is dropped. The
vertex keeps the sample of largest |value| (the first one on a tie); no sample left -> NaN.
Normals: the sum over the vertex's triangles of their (unnormalised) cross products, normalised:
area-weighted, and outward for the counter-clockwise triangles of the GIfTI.

Usage: vol_to_surf_line.py MESH.surf.gii MAP.nii[.gz] VALUES.func.gii
Projects MAP onto MESH here and prints, as JSON, how it compares with VALUES (the values
`contrastscope surface` wrote): vertices, NaN agreement, largest absolute and relative difference.
numpy and nibabel only: the interpolation is spelt out here, not scipy's map_coordinates.
"""
import json
import sys

import nibabel as nb
import numpy as np


def vertex_normals(pts, tri):
    a, b, c = pts[tri[:, 0]], pts[tri[:, 1]], pts[tri[:, 2]]
    face = np.cross(b - a, c - a)
    n = np.zeros_like(pts)
    for k in range(3):
        np.add.at(n, tri[:, k], face)
    length = np.linalg.norm(n, axis=1, keepdims=True)
    length[length == 0] = 1
    return n / length


def trilinear(vol, ijk):
    """vol[i, j, k] interpolated at fractional (N, 3) voxel coordinates inside the grid."""
    shape = np.array(vol.shape[:3])
    # The lower corner, one short of the last voxel so that the upper corner exists (a sample
    # exactly on the last voxel then takes weight 1 at the upper corner).
    lo = np.minimum(np.floor(ijk).astype(np.int64), np.maximum(shape - 2, 0))
    f = ijk - lo
    out = np.zeros(len(ijk))
    for di in (0, 1):
        for dj in (0, 1):
            for dk in (0, 1):
                i = np.minimum(lo[:, 0] + di, shape[0] - 1)
                j = np.minimum(lo[:, 1] + dj, shape[1] - 1)
                k = np.minimum(lo[:, 2] + dk, shape[2] - 1)
                w = (f[:, 0] if di else 1 - f[:, 0]) * (f[:, 1] if dj else 1 - f[:, 1]) * (f[:, 2] if dk else 1 - f[:, 2])
                corner = vol[i, j, k]
                # A NaN corner spoils the sample even with weight 0 (as arithmetic on NaN does).
                out = out + np.where(np.isnan(corner), np.nan, w * np.nan_to_num(corner))
    return out


def project(pts, normals, vol, affine, depths=np.linspace(-3, 3, 7)):
    inv = np.linalg.inv(affine)
    shape = np.array(vol.shape[:3])
    best = np.full(len(pts), np.nan)
    best_abs = np.full(len(pts), -1.0)
    for d in depths:
        s = pts + d * normals
        ijk = s @ inv[:3, :3].T + inv[:3, 3]
        inside = np.all((ijk >= 0) & (ijk <= shape - 1), axis=1)
        val = np.full(len(pts), np.nan)
        val[inside] = trilinear(vol, ijk[inside])
        a = np.abs(val)
        take = ~np.isnan(val) & (a > best_abs)
        best[take] = val[take]
        best_abs[take] = a[take]
    return best


def main():
    mesh_path, map_path, values_path = sys.argv[1:4]
    g = nb.load(mesh_path)
    pts = g.agg_data('NIFTI_INTENT_POINTSET').astype(np.float64)
    tri = g.agg_data('NIFTI_INTENT_TRIANGLE').astype(np.int64)
    img = nb.load(map_path)
    vol = np.asarray(img.dataobj, dtype=np.float64)
    if vol.ndim == 4:
        vol = vol[..., 0]
    values = project(pts, vertex_normals(pts, tri), vol, img.affine.astype(np.float64))
    ours = nb.load(values_path).darrays[0].data.astype(np.float64)
    both = ~np.isnan(values) & ~np.isnan(ours)
    diff = np.abs(values[both] - ours[both])
    worst = int(np.argmax(diff)) if len(diff) else 0
    print(json.dumps({
        'vertices': int(len(pts)), 'values': int(len(ours)),
        'with_value': int(np.sum(~np.isnan(values))), 'nan_mismatch': int(np.sum(np.isnan(values) != np.isnan(ours))),
        'max_abs_diff': float(diff.max()) if len(diff) else 0.0,
        'max_rel_diff': float(np.max(diff / np.maximum(1, np.abs(values[both])))) if len(diff) else 0.0,
        'worst': {'ref': float(values[both][worst]), 'ours': float(ours[both][worst])} if len(diff) else None,
        'max_abs_value': float(np.nanmax(np.abs(values))),
        'differing_1e5': int(np.sum(diff > 1e-5)),
    }))


if __name__ == '__main__':
    main()
