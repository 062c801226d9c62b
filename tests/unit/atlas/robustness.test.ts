// Every labels/* case of the robustness manifest: expected outcome, hint words, time.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseLabelTable, LABEL_LIMITS } from '../../../shared/atlas/index';
import { corpusCases, hasAllHints, missingCorpus } from './corpus';
import { needs } from '../../fixtures/references';

const corpus = corpusCases('labels/');

describe('label tables from the robustness corpus', needs(missingCorpus), () => {
  if (!corpus) return;
  it('covers the manifest (9 label cases)', () => {
    expect(corpus.entries.length).toBeGreaterThanOrEqual(9);
  });
  for (const c of corpus.entries) {
    it(`${c.file}: ${c.expect}`, () => {
      const name = c.file.split('/').pop()!;
      const text = readFileSync(join(corpus.dir, c.file), 'utf8');
      const t0 = performance.now();
      let message = '';
      let warnings: string[] = [];
      let loaded = false;
      try {
        const table = parseLabelTable(text, name);
        warnings = table.warnings;
        loaded = true;
        // Nothing is sized by a hostile index.
        for (const k of table.entries.keys()) expect(k).toBeLessThanOrEqual(LABEL_LIMITS.maxIndex);
        for (const e of table.entries.values()) {
          expect(e.name.length).toBeLessThanOrEqual(LABEL_LIMITS.maxNameLength);
          expect([...e.name].some((ch) => ch.charCodeAt(0) < 32 || (ch >= '\u202a' && ch <= '\u202e') || (ch >= '\u2066' && ch <= '\u2069'))).toBe(false);
        }
      } catch (err) {
        expect((err as { userFacing?: boolean }).userFacing).toBe(true);
        message = (err as Error).message;
        expect(message.startsWith(name)).toBe(true);
        expect(message).not.toMatch(/\n\s+at /);
      }
      const seconds = (performance.now() - t0) / 1000;
      expect(seconds).toBeLessThan(c.max_seconds);
      if (c.expect === 'reject') expect(loaded).toBe(false);
      if (c.expect === 'load_with_warning') {
        expect(loaded).toBe(true);
        expect(warnings.length).toBeGreaterThan(0);
      }
      if (c.expect === 'reject_or_warn' && loaded) expect(warnings.length).toBeGreaterThan(0);
      expect(hasAllHints([message, ...warnings].join('\n'), c.error_hint)).toBe(true);
      for (const w of warnings) expect(w.startsWith(name)).toBe(true);
    });
  }

  it('lut_malformed.txt is refused at its first line that is not "index name r g b a"', () => {
    // Line 4 is "2 TooFewColumns 10 20": reading on would put guessed names on regions.
    expect(() => parseLabelTable(readFileSync(join(corpus.dir, 'labels/lut_malformed.txt'), 'utf8'), 'lut_malformed.txt')).toThrow(
      /^lut_malformed\.txt: line 4: expected "index name r g b a" \(FreeSurfer LUT\) or "index name \[code\]" \(mricron\), found 4 columns/,
    );
    // Without that line the next misfit is line 9, whose name has a space and so too many columns.
    const rest = readFileSync(join(corpus.dir, 'labels/lut_malformed.txt'), 'utf8').replace('2 TooFewColumns 10 20\n', '2 Fixed 10 20 30 0\n');
    expect(() => parseLabelTable(rest, 'lut_malformed.txt')).toThrow(/^lut_malformed\.txt: line 9: .*columns/);
  });

  it('atlas_xss_and_long_names.xml: long name truncated, RTL override removed, formula kept as text', () => {
    const t = parseLabelTable(readFileSync(join(corpus.dir, 'labels/atlas_xss_and_long_names.xml'), 'utf8'), 'x.xml');
    const names = [...t.entries.values()].map((e) => e.name);
    expect(names[0].length).toBe(LABEL_LIMITS.maxNameLength);
    expect(names[1]).toBe('=HYPERLINK("http://127.0.0.1/","x")');
    expect(names[2]).toBe('evil RTL');
  });
});
