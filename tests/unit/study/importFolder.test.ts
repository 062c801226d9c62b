import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { FolderListing } from '../../../shared/ipc/host';
import { importFolder } from '../../../shared/study/importFolder';
import { benchInputs, missingReference } from '../../fixtures/bench-inputs';
import { needs } from '../../fixtures/references';

/** A virtual folder: path -> text (maps are never read by the importer, so their content is empty). */
function folder(root: string, files: Record<string, string>): { listing: FolderListing; readText: (p: string) => Promise<string> } {
  const listing: FolderListing = { root, files: Object.keys(files).map((rel) => ({ path: `${root}/${rel}`, name: rel.split('/').pop()!, size: files[rel].length })) };
  return {
    listing,
    readText: async (p) => {
      const rel = p.slice(root.length + 1);
      if (!(rel in files)) throw new Error(`no such file ${p}`);
      return files[rel];
    },
  };
}

const R_MATRIX = '1.0\t0.3\n0.3\t1.0\n';
const Z_MATRIX = '0\t0.31\n0.31\t0\n';

describe('importFolder: BIDS-derivatives-style names', () => {
  const files: Record<string, string> = {
    'dataset_description.json': JSON.stringify({ Name: 'My MDMA study' }),
    'participants.tsv': 'participant_id\tage\tsex\tdrug_order\nsub-01\t25\tF\tMDMA-first\nsub-02\t31\tM\tplacebo-first\n',
    'nodes.tsv': 'index\tname\tx\ty\tz\n1\tA\t1\t2\t3\n2\tB\t4\t5\t6\n',
    'README.txt': 'hello',
    'notes.nii.gz': '',
  };
  for (const s of ['01', '02']) {
    for (const c of ['mdma', 'placebo']) {
      files[`sub-${s}/sub-${s}_ses-${c}_task-faces_stat-effect_statmap.nii.gz`] = '';
      files[`sub-${s}/sub-${s}_ses-${c}_cbf.nii.gz`] = '';
      files[`sub-${s}/sub-${s}_ses-${c}_task-rest_seed-hippocampusR_desc-fisherz_statmap.nii.gz`] = '';
      files[`sub-${s}/sub-${s}_ses-${c}_task-rest_connectivity.tsv`] = Z_MATRIX;
      files[`sub-${s}/sub-${s}_ses-${c}_T1w.nii.gz`] = '';
    }
  }
  const { listing, readText } = folder('/studies/mdma', files);

  it('infers subjects, conditions (placebo last), measures, kinds and units', async () => {
    const { study, table, problems } = await importFolder(listing, readText);
    expect(study.name).toBe('My MDMA study');
    expect(study.simulated).toBeUndefined();
    expect(study.subjects).toEqual(['sub-01', 'sub-02']);
    expect(study.conditions).toEqual(['mdma', 'placebo']);
    expect(study.design).toBe('paired');
    expect(study.measures.map((m) => [m.label, m.kind, m.units])).toEqual([
      ['faces effect (BOLD)', 'bold', 'a.u.'],
      ['CBF', 'cbf', 'ml/100g/min'],
      ['RSFC seed hippocampusR (Fisher z)', 'rsfc-seed', 'z'],
      ['connectivity (Fisher z)', 'connectivity-matrix', 'z'],
    ]);
    expect(study.measures[2].seed).toBe('hippocampusR');
    expect(study.measures[3].nodes).toBe('/studies/mdma/nodes.tsv');
    expect(table).toHaveLength(16);
    expect(table[0]).toEqual({ subject: 'sub-01', condition: 'mdma', measure: 'faces effect (BOLD)', kind: 'bold', units: 'a.u.', path: '/studies/mdma/sub-01/sub-01_ses-mdma_task-faces_stat-effect_statmap.nii.gz' });
    expect(study.participants?.columns).toEqual(['participant_id', 'age', 'sex', 'drug_order']);
    expect(study.participants?.rows[1]).toEqual({ participant_id: 'sub-02', age: '31', sex: 'M', drug_order: 'placebo-first' });
    // the T1w is not a result; notes.nii.gz is reported, nothing else
    expect(problems).toHaveLength(1);
    expect(problems[0].message).toContain('notes.nii.gz');
  });

  it('tells r matrices from Fisher z by the diagonal when the name does not say', async () => {
    const f = folder('/s', {
      'sub-01_ses-a_connectivity.csv': R_MATRIX.replace(/\t/g, ','),
      'sub-01_ses-b_connectivity.csv': R_MATRIX.replace(/\t/g, ','),
    });
    const { study } = await importFolder(f.listing, f.readText);
    expect(study.measures[0]).toMatchObject({ label: 'connectivity (r)', units: 'r', kind: 'connectivity-matrix' });
  });

  it('reports a missing pair and a subject under one condition, naming them', async () => {
    const f = folder('/s', {
      'sub-01_ses-mdma_cbf.nii.gz': '',
      'sub-01_ses-placebo_cbf.nii.gz': '',
      'sub-02_ses-mdma_cbf.nii.gz': '',
      'sub-02_ses-placebo_cbf.nii.gz': '',
      'sub-02_ses-mdma_task-faces_stat-effect_statmap.nii.gz': '',
      'sub-01_ses-mdma_task-faces_stat-effect_statmap.nii.gz': '',
      'sub-01_ses-placebo_task-faces_stat-effect_statmap.nii.gz': '',
      'sub-03_ses-mdma_cbf.nii.gz': '',
    });
    const { problems } = await importFolder(f.listing, f.readText);
    const messages = problems.map((p) => p.message);
    expect(messages).toContain('sub-03 appears only under mdma; paired tests leave that subject out.');
    expect(messages).toContain('faces effect (BOLD): sub-02 has no placebo file, so that subject is left out of the paired test.');
    expect(problems.find((p) => p.kind === 'missing-pair')!.paths).toEqual(['/s/sub-02_ses-mdma_task-faces_stat-effect_statmap.nii.gz']);
  });

  it('calls different subjects per condition a two-group design', async () => {
    const f = folder('/s', { 'sub-01_cond-drug_cbf.nii.gz': '', 'sub-02_cond-drug_cbf.nii.gz': '', 'sub-03_cond-placebo_cbf.nii.gz': '' });
    const { study, problems } = await importFolder(f.listing, f.readText);
    expect(study.design).toBe('two-group');
    expect(study.conditions).toEqual(['drug', 'placebo']);
    expect(problems).toEqual([]);
  });

  it('says so when nothing is recognised', async () => {
    const f = folder('/empty', { 'spmT_0001.nii': '', 'a.txt': '' });
    const { problems, study } = await importFolder(f.listing, f.readText);
    expect(study.measures).toEqual([]);
    expect(problems.map((p) => p.severity)).toContain('error');
    expect(problems.map((p) => p.message).join('\n')).toContain('No subject result files were found in /empty');
  });
});

describe('importFolder: the bench layout of make_inputs.py', needs(missingReference), () => {
  it('finds 24 subjects x 2 conditions: stat maps and r matrices', async () => {
    const dir = (await benchInputs())!;
    const walk = (d: string): string[] => readdirSync(d).flatMap((n) => (statSync(join(d, n)).isDirectory() ? walk(join(d, n)) : [join(d, n)]));
    const paths = walk(join(dir, 'group'));
    const listing: FolderListing = { root: join(dir, 'group'), files: paths.map((p) => ({ path: p, name: p.split('/').pop()!, size: statSync(p).size })) };
    const { study, problems } = await importFolder(listing, async (p) => readFileSync(p, 'utf8'));
    expect(problems).toEqual([]);
    expect(study.subjects).toHaveLength(24);
    expect(study.subjects[0]).toBe('sub-01');
    expect(study.conditions).toEqual(['MDMA', 'placebo']);
    expect(study.design).toBe('paired');
    const summary = study.measures.map((m) => [m.label, m.kind, m.units, m.files.length]).sort();
    expect(summary).toEqual([
      ['connectivity (r)', 'connectivity-matrix', 'r', 48],
      ['stat', 'bold', 'a.u.', 48],
    ]);
    expect(study.measures.find((m) => m.kind === 'bold')!.files[1].path).toBe(join(dir, 'group', 'sub-01_cond-placebo_stat.nii.gz'));
  });
});
