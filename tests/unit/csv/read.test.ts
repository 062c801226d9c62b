import { describe, expect, it } from 'vitest';
import { parseDelimited, splitDelimitedLine } from '../../../shared/csv';

describe('splitDelimitedLine (papaparse, the one CSV reader)', () => {
  it('keeps quoted separators, unescapes doubled quotes and trims cells', () => {
    expect(splitDelimitedLine('1, "Amygdala, left" ,x')).toEqual(['1', 'Amygdala, left', 'x']);
    expect(splitDelimitedLine('2,"say ""hi""",3')).toEqual(['2', 'say "hi"', '3']);
    expect(splitDelimitedLine('a;"b;c";d', ';')).toEqual(['a', 'b;c', 'd']);
    expect(splitDelimitedLine('a\t"b\tc"', '\t')).toEqual(['a', 'b\tc']);
    expect(splitDelimitedLine(' 4 , five ')).toEqual(['4', 'five']);
  });
  it('parseDelimited reads the header and rows, skipping # comments and blank lines', () => {
    const d = parseDelimited('\uFEFFsubject,drug\n# note\n\nsub-01,"MDMA, 125 mg"\n', 't.csv');
    expect(d.columns).toEqual(['subject', 'drug']);
    expect(d.rows).toEqual([{ subject: 'sub-01', drug: 'MDMA, 125 mg' }]);
    expect(d.lines).toEqual([4]);
  });
});
