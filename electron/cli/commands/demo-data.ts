import { mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import type { CliCommand } from '../types';
import { InputError } from '../types';
import { readNiftiFile, readTextFile, writeFileAtomic } from '../io';
import { parseCommandArgs, stringValue } from '../args';
import { checkOutputFolder, writeOutputFolder } from '../outputs';
import { makeAtlas, parseLabelTable } from '../../../shared/atlas/index';
import { generateDemoStudy, DEMO_SEED, SIMULATED_NOTICE } from '../../../shared/study/index';

const USAGE = `usage: contrastscope demo-data --out DIR [--seed N]

Writes the simulated MDMA-vs-placebo demo study (25 subjects x MDMA/placebo: faces BOLD,
ASL CBF, two RSFC seed maps, ROI x ROI connectivity matrices, participants.tsv) into DIR,
in the BIDS-style layout the app's folder import reads. Deterministic: the same seed gives
the same bytes. Default seed ${DEMO_SEED}.
${SIMULATED_NOTICE}.`;

/** The repository's resources/ folder (this file is electron/cli/commands/demo-data.ts). */
export function resourcesDir(): string {
  return resolve(dirname(fileURLToPath(import.meta.url)), '../../../resources');
}

function progressBar(done: number, total: number): string {
  const width = 30;
  const filled = Math.round((done / total) * width);
  return `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total} files`;
}

export const demoDataCommand: CliCommand = {
  name: 'demo-data',
  summary: 'write the simulated MDMA-vs-placebo demo study into a folder',
  usage: USAGE,
  async run(argv) {
    const p = parseCommandArgs('demo-data', argv, { out: { kind: 'string', valueName: 'a folder name' }, seed: { kind: 'string' } });
    if (p.help) {
      console.log(USAGE);
      return 0;
    }
    const out = stringValue(p, 'out');
    let seed = DEMO_SEED;
    const seedText = stringValue(p, 'seed');
    if (seedText !== undefined) {
      const v = Number(seedText);
      if (seedText.trim() === '' || !Number.isInteger(v) || v < 0 || v > 0xffffffff) throw new InputError(`--seed expects a whole number from 0 to 4294967295 (got "${seedText}")`);
      seed = v;
    }
    if (!out) throw new InputError('demo-data: give the output folder with --out DIR');
    const dir = resolve(out);
    checkOutputFolder('demo-data', dir);
    const res = resourcesDir();
    const template = await readNiftiFile(join(res, 'template_ch2bet.nii.gz'));
    const atlasImage = await readNiftiFile(join(res, 'atlas_aal.nii.gz'));
    const atlas = makeAtlas(atlasImage, parseLabelTable(readTextFile(join(res, 'atlas_aal.txt')), 'atlas_aal.txt'));

    const tty = process.stderr.isTTY === true;
    let lastQuarter = -1;
    const started = Date.now();
    const files = generateDemoStudy({
      template,
      atlas,
      seed,
      deflate: (raw, level) => gzipSync(raw, { level }),
      onProgress: (done, total) => {
        if (tty) process.stderr.write(`\r${progressBar(done, total)}`);
        else {
          const q = Math.floor((done / total) * 4);
          if (q !== lastQuarter) {
            lastQuarter = q;
            process.stderr.write(`${progressBar(done, total)}\n`);
          }
        }
      },
    });
    if (tty) process.stderr.write('\n');
    // The study is written into a temp folder beside DIR, renamed to DIR when every file is in.
    let bytes = 0;
    await writeOutputFolder('demo-data', dir, (tmp) => {
      for (const f of files) {
        const path = join(tmp, ...f.relPath.split('/'));
        try {
          mkdirSync(dirname(path), { recursive: true });
        } catch (err) {
          throw new InputError(`demo-data: cannot create the folder ${dirname(path)} (${(err as Error).message})`);
        }
        writeFileAtomic(path, f.bytes);
        bytes += f.bytes.length;
      }
    });
    console.log(`${dir}: ${files.length} files, ${(bytes / 1e6).toFixed(1)} MB, in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    return 0;
  },
};
