import { describe, expect, it } from 'vitest';
import { escapeCell, toDelimited, roundForExport } from '../../../shared/csv';

describe('escapeCell', () => {
  it('escapes formula-like text but leaves numbers alone', () => {
    expect(escapeCell('=SUM(A1)', ',')).toBe("'=SUM(A1)");
    expect(escapeCell('+cmd', ',')).toBe("'+cmd");
    expect(escapeCell('@x', '\t')).toBe("'@x");
    expect(escapeCell('-3.2', ',')).toBe('-3.2');
    expect(escapeCell(-3.2, ',')).toBe('-3.2');
    expect(escapeCell(Number.NaN, ',')).toBe('NaN');
  });
  it('quotes separators, quotes and line breaks', () => {
    expect(escapeCell('a,b', ',')).toBe('"a,b"');
    expect(escapeCell('a,b', '\t')).toBe('a,b');
    expect(escapeCell('say "hi"', ',')).toBe('"say ""hi"""');
    expect(escapeCell('two\nlines', '\t')).toBe('"two\nlines"');
  });
});

describe('toDelimited', () => {
  it('writes the notice as comment lines, then header and rows', () => {
    const text = toDelimited(['roi', 'mean'], [['Amygdala_R', 1.5], ['=bad', -2]], ',', 'Simulated demo: not real data');
    expect(text).toBe("# Simulated demo: not real data\nroi,mean\nAmygdala_R,1.5\n'=bad,-2\n");
  });
  it('rounds without float noise', () => {
    expect(roundForExport(3.2000000476837)).toBe(3.2);
    expect(Number.isNaN(roundForExport(Number.NaN))).toBe(true);
  });
});
