// The permutation engine in Chromium gives the same flips and the same null statistics as in
// Node: the shared code is bundled (esbuild) into a blank page and run there. Chromium is
// /usr/bin/chromium (installed by .ci/run); in CI a missing browser fails. esbuild comes with tsx.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { chromium } from '@playwright/test';
import { describe, expect, it } from 'vitest';
import * as P from '../../../shared/stats/permutation/index';

const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const entry = fileURLToPath(new URL('../../../shared/stats/permutation/index.ts', import.meta.url));

/** Runs in both places: flips digests, generator outputs and a small TFCE/cluster null. */
async function probe(p: typeof P) {
  const rng = new p.Xoshiro128(1);
  const u = Array.from({ length: 8 }, () => rng.nextU32());
  const dims: [number, number, number] = [9, 8, 7];
  const n = 9 * 8 * 7;
  const g = new p.Xoshiro128(5);
  const a = Array.from({ length: 13 }, () => new Float32Array(n).map((_, i) => g.nextU32() / 2 ** 32 + (i % 4 === 0 ? 0.3 : 0)));
  const b = Array.from({ length: 13 }, () => new Float32Array(n).map(() => g.nextU32() / 2 ** 32));
  const data = p.buildPermData(a, b, dims, 'paired');
  const rows = p.randomFlips(13, 64, 2);
  const res = await p.permutationTest(data, rows, 64, { oneSided: false, clusterT: 2, connectivity: 26, tfce: true, tfceConnectivity: 26 });
  return {
    u,
    digest5000: p.flipsDigest(p.randomFlips(24, 5000, 1)),
    labels: p.flipsDigest(p.twoGroupLabels(10, 12, 500, 3)),
    maxT: [...res.nulls.maxT],
    maxTfce: [...res.nulls.maxTfce!],
    maxSize: [...res.nulls.maxSize!],
  };
}

describe.skipIf(!existsSync(CHROMIUM) && !process.env.CI)('permutation engine in the browser', () => {
  it('Chromium draws the same flips and computes the same null columns as Node', async () => {
    const bundle = await build({ entryPoints: [entry], bundle: true, format: 'iife', globalName: 'P', write: false, target: 'es2022' });
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu'] });
    try {
      const page = await browser.newPage();
      await page.setContent('<html><body></body></html>');
      await page.addScriptTag({ content: bundle.outputFiles[0].text });
      const inBrowser = await page.evaluate(`(${probe.toString()})(P)`);
      const inNode = await probe(P);
      expect(inBrowser).toEqual(inNode);
      console.log(`flips digest (24 subjects, 5000 rows, seed 1): ${inNode.digest5000} in Node and Chromium`);
    } finally {
      await browser.close();
    }
  }, 120_000);
});
