// The CLI's one argument parser and its output-safety helper, called directly.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { listValue, parseCommandArgs, stringValue, flagValue, type OptionSpec } from '../../electron/cli/args';
import { checkOutputs, OutputBatch, realTarget, writeOutputFolder, writeOutputs } from '../../electron/cli/outputs';
import { InputError } from '../../electron/cli/types';

const tmp = mkdtempSync(join(tmpdir(), 'cs-cli-args-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const spec: Record<string, OptionSpec> = {
  a: { kind: 'list', valueName: 'a file name' },
  b: { kind: 'list' },
  'out-t': { kind: 'string', valueName: 'a file name' },
  threshold: { kind: 'string' },
  probe: { kind: 'repeat' },
  'one-sided': { kind: 'flag' },
};

function err(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(InputError);
    return (e as Error).message;
  }
  throw new Error('expected an InputError');
}

describe('parseCommandArgs', () => {
  it('reads space-separated lists, --name=value, negative numbers, repeats and flags', () => {
    const r = parseCommandArgs('paired', ['--a', 'a1.nii', 'a2.nii', '--b', 'b1.nii', 'b2.nii', '--out-t=t.nii', '--threshold', '-2.5', '--probe', '1,2,3', '--probe', '4,5,6', '--one-sided'], spec);
    expect(r.help).toBe(false);
    expect(listValue(r, 'a')).toEqual(['a1.nii', 'a2.nii']);
    expect(listValue(r, 'b')).toEqual(['b1.nii', 'b2.nii']);
    expect(stringValue(r, 'out-t')).toBe('t.nii');
    expect(stringValue(r, 'threshold')).toBe('-2.5');
    expect(listValue(r, 'probe')).toEqual(['1,2,3', '4,5,6']);
    expect(flagValue(r, 'one-sided')).toBe(true);
    expect(r.positionals).toEqual([]);
  });

  it('the same errors for every command: unknown option, missing value, stray positional', () => {
    expect(err(() => parseCommandArgs('paired', ['--bogus'], spec))).toBe('paired: unknown option --bogus (see contrastscope paired --help)');
    expect(err(() => parseCommandArgs('roi', ['-x'], spec))).toBe('roi: unknown option -x (see contrastscope roi --help)');
    expect(err(() => parseCommandArgs('paired', ['--out-t'], spec))).toBe('paired: --out-t needs a file name (see contrastscope paired --help)');
    expect(err(() => parseCommandArgs('paired', ['--out-t', '--a', 'x'], spec))).toBe('paired: --out-t needs a file name (see contrastscope paired --help)');
    expect(err(() => parseCommandArgs('paired', ['--a', '--b', 'x'], spec))).toBe('paired: --a needs a file name (see contrastscope paired --help)');
    expect(err(() => parseCommandArgs('paired', ['--one-sided=yes'], spec))).toBe('paired: --one-sided takes no value (see contrastscope paired --help)');
    expect(err(() => parseCommandArgs('paired', ['--out-t', 't.nii', 'extra'], spec, { positionalHint: 'input maps follow --a or --b' }))).toBe(
      'paired: unexpected argument "extra"; input maps follow --a or --b (see contrastscope paired --help)',
    );
  });

  it('--help and -h win over anything else; after -- everything is a positional', () => {
    expect(parseCommandArgs('paired', ['--bogus', '--help'], spec).help).toBe(true);
    expect(parseCommandArgs('paired', ['-h'], spec).help).toBe(true);
    const r = parseCommandArgs('info', ['--', '-h.nii'], spec, { positionals: true });
    expect(r.help).toBe(false);
    expect(r.positionals).toEqual(['-h.nii']);
  });
});

describe('checkOutputs', () => {
  const input = join(tmp, 'a1.nii');
  writeFileSync(input, 'INPUT');
  mkdirSync(join(tmp, 'sub'));
  symlinkSync(input, join(tmp, 'link-to-a1.nii'));
  symlinkSync(tmp, join(tmp, 'link-to-dir'));

  it('refuses an output that is an input: same path, via .., via a symlinked file or folder', () => {
    for (const out of [input, join(tmp, 'sub', '..', 'a1.nii'), join(tmp, 'link-to-a1.nii'), join(tmp, 'link-to-dir', 'a1.nii')]) {
      expect(err(() => checkOutputs('paired', { '--out-t': out }, [input]))).toMatch(/^paired: --out-t .* is the input .*a1\.nii; refusing to overwrite an input/);
    }
    // The other way round: the input named through the symlink.
    expect(err(() => checkOutputs('paired', { '--out-t': input }, [join(tmp, 'link-to-a1.nii')]))).toMatch(/is the input/);
    expect(readFileSync(input, 'utf8')).toBe('INPUT');
  });

  it('a new output resolves through its real folder; a .hdr input guards its .img', () => {
    expect(realTarget(join(tmp, 'link-to-dir', 'new', 'x.nii'))).toBe(join(realTarget(tmp), 'new', 'x.nii'));
    writeFileSync(join(tmp, 'pair.hdr'), 'H');
    writeFileSync(join(tmp, 'pair.img'), 'I');
    expect(err(() => checkOutputs('paired', { '--out-t': join(tmp, 'pair.img') }, [join(tmp, 'pair.hdr')]))).toMatch(/is the input .*pair\.img/);
  });

  it('refuses two outputs naming one file, a folder as output, and a missing folder', () => {
    expect(err(() => checkOutputs('paired', { '--out-t': join(tmp, 't.nii'), '--out-p': join(tmp, 'link-to-dir', 't.nii') }, []))).toMatch(/--out-p .*t\.nii is the same file as --out-t/);
    expect(err(() => checkOutputs('paired', { '--out-t': join(tmp, 'sub') }, []))).toMatch(/is a folder, not a file name/);
    expect(err(() => checkOutputs('paired', { '--out-p': '/nonexistent/p.nii' }, []))).toBe('paired: --out-p /nonexistent/p.nii: the folder /nonexistent does not exist');
    expect(() => checkOutputs('paired', { '--out-t': join(tmp, 't.nii'), '--out-q': undefined }, [input])).not.toThrow();
  });
});

describe('OutputBatch', () => {
  it('renames all outputs only when all were written; a failure leaves no file and no temp', async () => {
    const dir = join(tmp, 'batch');
    mkdirSync(dir);
    await expect(
      writeOutputs((b: OutputBatch) => {
        b.write(join(dir, 't.nii'), 'T');
        expect(readdirSync(dir)).toHaveLength(1); // only the temp file so far
        expect(existsSync(join(dir, 't.nii'))).toBe(false);
        b.write('/nonexistent/p.nii', 'P');
      }),
    ).rejects.toThrow('p.nii: cannot write the file (folder /nonexistent does not exist)');
    expect(readdirSync(dir)).toEqual([]);
    await writeOutputs((b) => {
      b.write(join(dir, 't.nii'), 'T');
      b.write(join(dir, 'p.nii'), new Uint8Array([80]));
    });
    expect(readdirSync(dir).sort()).toEqual(['p.nii', 't.nii']);
    expect(readFileSync(join(dir, 'p.nii'), 'utf8')).toBe('P');
  });
});

describe('writeOutputFolder', () => {
  it('writes into a temp folder renamed at the end; on failure nothing is left; a non-empty folder is refused', async () => {
    const target = join(tmp, 'study');
    await expect(
      writeOutputFolder('demo-data', target, (d) => {
        writeFileSync(join(d, 'half.txt'), 'x');
        throw new InputError('demo-data: boom');
      }),
    ).rejects.toThrow('boom');
    expect(readdirSync(tmp).filter((n) => n.includes('study'))).toEqual([]);
    await writeOutputFolder('demo-data', target, (d) => writeFileSync(join(d, 'a.txt'), 'A'));
    expect(readFileSync(join(target, 'a.txt'), 'utf8')).toBe('A');
    await expect(writeOutputFolder('demo-data', target, () => undefined)).rejects.toThrow(/already exists and is not empty/);
    const empty = join(tmp, 'empty');
    mkdirSync(empty);
    await writeOutputFolder('demo-data', empty, (d) => writeFileSync(join(d, 'b.txt'), 'B'));
    expect(readdirSync(empty)).toEqual(['b.txt']);
  });
});
