import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseMatrix, parseNodeTable, MatrixError } from '../../../shared/connectivity/index';
import { parseDecimal, parseStatus } from '../../../shared/connectivity/number';
import { corpusCases, hasAllHints, missingCorpus } from '../atlas/corpus';
import { missingShared, needs, sharedPath } from '../../fixtures/references';

const corpus = corpusCases('matrix/');

describe('parseMatrix', () => {
  it('plain CSV, TSV, semicolons, spaces, BOM and CRLF', () => {
    for (const [text, name] of [
      ['1,0.5\n0.5,1\n', 'a.csv'],
      ['1\t0.5\r\n0.5\t1\r\n', 'a.tsv'],
      ['\uFEFF1;0.5\r\n0.5;1', 'a.csv'],
      ['1  0.5\n 0.5 1\n\n', 'a.txt'],
    ]) {
      const m = parseMatrix(text, name);
      expect(m.n).toBe(2);
      expect(Array.from(m.values)).toEqual([1, 0.5, 0.5, 1]);
      expect(m.warnings).toEqual([]);
    }
  });

  it('header row and index column give node names', () => {
    const m = parseMatrix('roi,Amy_L,Hip_L\nAmy_L,1,-0.25\nHip_L,-0.25,1\n', 'm.csv');
    expect(m.names).toEqual(['Amy_L', 'Hip_L']);
    expect(Array.from(m.values)).toEqual([1, -0.25, -0.25, 1]);
    expect(parseMatrix('A,B\n1,2e-1\n2e-1,1\n', 'h.csv').names).toEqual(['A', 'B']);
    expect(parseMatrix('A,1,0\nB,0,1\n', 'i.csv').names).toEqual(['A', 'B']);
  });

  it('numbers are the same doubles as Number() (fast path and fallbacks)', () => {
    const cells = ['0.260318', '-0.456191', '1e-3', '-2.5E+2', '123456789012345678', '0.1234567890123456789', '.5', '+7', '1.', '3.0e-310'];
    for (const c of cells) expect(parseDecimal(c, 0, c.length)).toBe(Number(c));
    for (let k = 0; k < 2000; k++) {
      const c = (Math.random() * 2 - 1).toFixed(1 + (k % 15));
      expect(parseDecimal(c, 0, c.length)).toBe(Number(c));
      const m = parseMatrix(`${c},${c}\n${c},${c}`, 'r.csv');
      expect(m.values[3]).toBe(Number(c));
    }
    parseDecimal('0x10', 0, 4);
    expect(parseStatus.code).not.toBe(0);
  });

  it('square, ragged, non-numeric and size errors name the file, row and column', () => {
    expect(() => parseMatrix('1,2\n3,4\n5,6\n', 'x.csv')).toThrow('x.csv: 3 rows x 2 columns; a connectivity matrix must be square');
    expect(() => parseMatrix('1,2,3\n4,5,6\n7,8,x9\n', 'x.csv')).toThrow('x.csv: row 3, column 3: "x9" is not a number');
    expect(() => parseMatrix('1,2\n3,\n', 'x.csv')).toThrow('x.csv: row 2, column 2 is empty');
    expect(() => parseMatrix('1,2\n3,1e999\n', 'x.csv')).toThrow('x.csv: row 2, column 2: "1e999" is too large for a number');
    expect(() => parseMatrix('0,'.repeat(6000) + '0\n', 'big.csv')).toThrow(/big\.csv: first row has 6001 columns, more than the 5000 nodes supported; a connectivity matrix must be square/);
    expect(() => parseMatrix('1,2\n3,4\n', 'x.csv')).not.toThrow();
    expect(parseMatrix('1,2\n3,4\n', 'x.csv').warnings[0]).toMatch(/^x\.csv: matrix is not symmetric \(largest difference 1\.00 between row 1, column 2/);
  });
});

describe('parseNodeTable', () => {
  it('name,x,y,z with header; Power 2011 ROI,X,Y,Z; headerless', () => {
    expect(parseNodeTable('name,x,y,z\nAmy_L,-24,-4,-18\nAmy_R,26,-2,-20\n', 'n.csv')).toEqual([
      { name: 'Amy_L', x: -24, y: -4, z: -18 },
      { name: 'Amy_R', x: 26, y: -2, z: -20 },
    ]);
    expect(parseNodeTable('A\t1\t2\t3\n', 'n.tsv')).toEqual([{ name: 'A', x: 1, y: 2, z: 3 }]);
    expect(() => parseNodeTable('name,x,y,z\nA,1,two,3\n', 'n.csv')).toThrow(MatrixError);
  });

  it('Power 2011 ROI,X,Y,Z from ../shared: 264 nodes', needs(missingShared('data', 'real', 'connectivity', 'power_2011.csv')), () => {
    const power = parseNodeTable(readFileSync(sharedPath('data', 'real', 'connectivity', 'power_2011.csv'), 'utf8'), 'power_2011.csv');
    expect(power.length).toBe(264);
    expect(power[0]).toEqual({ name: '1', x: -25, y: -98, z: -12 });
  });
});

describe('matrix cases of the robustness corpus', needs(missingCorpus), () => {
  for (const c of corpus?.entries ?? []) {
    it(`${c.file}: ${c.expect}`, () => {
      const name = c.file.split('/').pop()!;
      const t0 = performance.now();
      let message = '';
      let warnings: string[] = [];
      let m: ReturnType<typeof parseMatrix> | null = null;
      try {
        m = parseMatrix(readFileSync(join(corpus!.dir, c.file), 'utf8'), name);
        warnings = m.warnings;
      } catch (e) {
        expect((e as { userFacing?: boolean }).userFacing).toBe(true);
        message = (e as Error).message;
        expect(message.startsWith(`${name}: `)).toBe(true);
      }
      expect((performance.now() - t0) / 1000).toBeLessThan(c.max_seconds);
      if (c.expect === 'reject') expect(m).toBeNull();
      if (c.expect === 'load_with_warning') expect(warnings.length).toBeGreaterThan(0);
      // size_mismatch_5x5's hint is about pairing with an atlas (tested in the CLI); the matrix itself is fine.
      if (c.file !== 'matrix/size_mismatch_5x5.csv') expect(hasAllHints([message, ...warnings].join('\n'), c.error_hint)).toBe(true);
      if (c.file === 'matrix/non_numeric.csv') expect(message).toContain('row 1, column 2');
      if (c.file === 'matrix/header_row_and_index_col.csv') expect(m!.names).toEqual(['L_A', 'L_B']);
      if (c.file === 'matrix/bom_crlf_semicolon.csv') expect(Array.from(m!.values)).toEqual([0, 1, 1, 0]);
      if (c.file === 'matrix/nan_inf.csv') expect(m!.nonFinite).toBe(6);
    });
  }
});
