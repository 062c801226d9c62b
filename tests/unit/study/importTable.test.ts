import { describe, expect, it } from 'vitest';
import { importStudyTable } from '../../../shared/study/importTable';

const TABLE = [
  'subject\tcondition\tmeasure\tpath\tkind\tunits',
  's1\tMDMA\tCBF\tmaps/s1_mdma_cbf.nii.gz\tcbf\tml/100g/min',
  's1\tplacebo\tCBF\tmaps/s1_pla_cbf.nii.gz\t\t',
  's2\tMDMA\tCBF\tmaps/s2_mdma_cbf.nii.gz\t\t',
  's2\tplacebo\tCBF\tmaps/s2_pla_cbf.nii.gz\t\t',
  's1\tMDMA\tamygdala seed\tmaps/s1_mdma_seed.nii.gz\trsfc\tz',
  's1\tplacebo\tamygdala seed\tmaps/s1_pla_seed.nii.gz\trsfc\tz',
  's2\tMDMA\tamygdala seed\tmaps/s2_mdma_seed.nii.gz\trsfc\tz',
  's2\tplacebo\tamygdala seed\tmaps/s2_pla_seed.nii.gz\trsfc\tz',
  's1\tMDMA\tROI matrix\tmats/s1_mdma.csv\t\t',
  's1\tplacebo\tROI matrix\tmats/s1_pla.csv\t\t',
].join('\n');

describe('importStudyTable', () => {
  it('reads subject, condition, measure, path (relative to the table) and optional kind/units', () => {
    const { study, table, problems } = importStudyTable(TABLE, '/data/study/study.tsv');
    expect(problems).toEqual([]);
    expect(study.root).toBe('/data/study');
    expect(study.subjects).toEqual(['s1', 's2']);
    expect(study.conditions).toEqual(['MDMA', 'placebo']);
    expect(study.measures.map((m) => [m.label, m.kind, m.units, m.files.length])).toEqual([
      ['CBF', 'cbf', 'ml/100g/min', 4],
      ['amygdala seed', 'rsfc-seed', 'z', 4],
      ['ROI matrix', 'connectivity-matrix', 'z', 2],
    ]);
    expect(table[1]).toEqual({ subject: 's1', condition: 'placebo', measure: 'CBF', kind: 'cbf', units: 'ml/100g/min', path: '/data/study/maps/s1_pla_cbf.nii.gz' });
  });

  it('reads CSV with quoted cells and no kind column (kind guessed from the measure)', () => {
    const csv = 'Subject,Condition,Measure,Path\n"s,1",drug,"ASL CBF",a.nii\n"s,1",placebo,"ASL CBF",b.nii\n';
    const { study } = importStudyTable(csv, '/x/t.csv');
    expect(study.subjects).toEqual(['s,1']);
    expect(study.measures[0]).toMatchObject({ kind: 'cbf', units: 'ml/100g/min', label: 'ASL CBF' });
  });

  it('lists one missing file as a readable problem', () => {
    const existing = new Set(importStudyTable(TABLE, '/data/study/study.tsv').table.map((r) => r.path));
    existing.delete('/data/study/maps/s2_pla_cbf.nii.gz');
    const { problems } = importStudyTable(TABLE, '/data/study/study.tsv', { exists: (p) => existing.has(p) });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ severity: 'error', kind: 'missing-file', measure: 'CBF', subjects: ['s2'], paths: ['/data/study/maps/s2_pla_cbf.nii.gz'] });
    expect(problems[0].message).toBe('CBF: this file does not exist: /data/study/maps/s2_pla_cbf.nii.gz (s2 placebo).');
  });

  it('names the missing columns and skipped rows', () => {
    const bad = importStudyTable('subject\tfile\ns1\ta.nii\n', '/t/bad.tsv');
    expect(bad.problems[0].message).toBe('bad.tsv has no condition, measure and path columns; a study table needs the columns subject, condition, measure and path (found: subject, file).');
    const gaps = importStudyTable('subject\tcondition\tmeasure\tpath\ns1\tA\tCBF\ta.nii\ns1\t\tCBF\tb.nii\n', '/t/gaps.tsv');
    expect(gaps.problems.map((p) => p.message)).toContain('gaps.tsv line 3: the condition cell is empty; the row was skipped.');
  });

  it('reports duplicate files for one subject and condition', () => {
    const dup = 'subject\tcondition\tmeasure\tpath\ns1\tA\tCBF\ta.nii\ns1\tA\tCBF\tb.nii\ns1\tB\tCBF\tc.nii\n';
    const { problems } = importStudyTable(dup, '/t/d.tsv');
    expect(problems.map((p) => p.message)).toEqual(['CBF: s1 has 2 A files (a.nii and b.nii); keep one.']);
  });
});
