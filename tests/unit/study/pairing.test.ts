// Subject pairing: the one function compare (maps) and connectivity (matrices) both use.
import { describe, expect, it } from 'vitest';
import { pairSubjects } from '../../../shared/study';

describe('pairSubjects', () => {
  const subjects = ['sub-01', 'sub-02', 'sub-03', 'sub-04'];
  const a = ['a1', null, 'a3', 'a4'];
  const b = ['b1', 'b2', undefined, 'b4'];

  it('paired: keeps only subjects with data under both conditions, in study order', () => {
    expect(pairSubjects(subjects, a, b, 'paired')).toEqual({ a: ['a1', 'a4'], b: ['b1', 'b4'], subjects: ['sub-01', 'sub-04'] });
  });

  it('two-group: keeps every present value of each condition on its own', () => {
    expect(pairSubjects(subjects, a, b, 'two-group')).toEqual({ a: ['a1', 'a3', 'a4'], b: ['b1', 'b2', 'b4'], subjects: [] });
  });

  it('paired by position when the subject list is shorter (matrices carry no names)', () => {
    const r = pairSubjects([], [1, 2, 3], [4, null, 6]);
    expect(r.a).toEqual([1, 3]);
    expect(r.b).toEqual([4, 6]);
    expect(r.subjects).toEqual(['subject 1', 'subject 3']);
  });
});
