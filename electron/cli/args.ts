// One argument parser for every `contrastscope` command, on node:util parseArgs, so each command
// gets the same --help, unknown-option and missing-value errors (InputError: one line, exit 2).
//
// util.parseArgs takes one value per option occurrence. Our commands also take lists after an
// option (`--a A1 A2 ... --b B1 ...`), and numbers that start with a dash (`--threshold -2`),
// which strict parseArgs calls ambiguous. So argv is first rewritten into the `--name=value`
// form (one `--a=A1` per list item), then handed to parseArgs, which does the checking.
import { parseArgs as nodeParseArgs } from 'node:util';
import { InputError } from './types';

/**
 * How an option takes its value:
 *  - flag:   no value (`--one-sided`);
 *  - string: the next argument (`--out-t FILE`, `--out-t=FILE`);
 *  - repeat: like string, may be given several times (`--probe 1,2,3 --probe 4,5,6`);
 *  - list:   every following argument up to the next option (`--a A1 A2 A3`).
 */
export type OptionKind = 'flag' | 'string' | 'repeat' | 'list';

export interface OptionSpec {
  kind: OptionKind;
  /** What the value is, for the missing-value message: "a file name", "a number"... Default "a value". */
  valueName?: string;
}

export interface CommandArgs {
  /** `--help`/`-h` was given: print the usage and exit 0; nothing else was checked. */
  help: boolean;
  /** Flags are booleans, string options strings, repeat and list options string arrays. */
  values: Record<string, string | boolean | string[] | undefined>;
  positionals: string[];
}

/** A token is an option when it starts with `-` and a letter (so `-2` and `-0.5` are values). */
export function isOptionToken(t: string): boolean {
  return /^--?[A-Za-z]/.test(t);
}

function isHelp(t: string): boolean {
  return t === '--help' || t === '-h';
}

function see(command: string): string {
  return `(see contrastscope ${command} --help)`;
}

/** argv in the `--name=value` form, checked for unknown options and missing values. */
function normalise(command: string, argv: string[], spec: Record<string, OptionSpec>): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') {
      // Everything after `--` is a positional (a file named `-x.nii`).
      out.push(...argv.slice(i));
      break;
    }
    if (!isOptionToken(arg)) {
      out.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = arg.startsWith('--') ? arg.slice(2, eq < 0 ? undefined : eq) : '';
    const opt = name ? spec[name] : undefined;
    if (!opt) throw new InputError(`${command}: unknown option ${eq < 0 ? arg : arg.slice(0, eq)} ${see(command)}`);
    const missing = () => new InputError(`${command}: --${name} needs ${opt.valueName ?? 'a value'} ${see(command)}`);
    if (opt.kind === 'flag') {
      if (eq >= 0) throw new InputError(`${command}: --${name} takes no value ${see(command)}`);
      out.push(`--${name}`);
    } else if (eq >= 0) {
      if (arg.length === eq + 1) throw missing();
      out.push(arg);
    } else if (opt.kind === 'list') {
      let n = 0;
      while (i + 1 < argv.length && !isOptionToken(argv[i + 1]) && argv[i + 1] !== '--') {
        out.push(`--${name}=${argv[++i]}`);
        n++;
      }
      if (n === 0) throw missing();
    } else {
      const v = argv[i + 1];
      if (v === undefined || isOptionToken(v)) throw missing();
      out.push(`--${name}=${v}`);
      i++;
    }
  }
  return out;
}

/**
 * Parses a command's argv. Throws InputError (exit 2, one line) for an unknown option, a
 * missing value, or a positional where the command takes none. Required options and the
 * meaning of values stay with the command, which knows how to word them.
 */
export function parseCommandArgs(
  command: string,
  argv: string[],
  spec: Record<string, OptionSpec>,
  opts: { positionals?: boolean; positionalHint?: string } = {},
): CommandArgs {
  const beforeDashes = argv.indexOf('--') < 0 ? argv : argv.slice(0, argv.indexOf('--'));
  if (beforeDashes.some(isHelp)) return { help: true, values: {}, positionals: [] };
  const args = normalise(command, argv, spec);
  const options: Record<string, { type: 'string' | 'boolean'; multiple?: boolean }> = {};
  for (const [name, o] of Object.entries(spec)) {
    options[name] = o.kind === 'flag' ? { type: 'boolean' } : { type: 'string', multiple: o.kind === 'repeat' || o.kind === 'list' };
  }
  let parsed;
  try {
    parsed = nodeParseArgs({ args, options, strict: true, allowPositionals: true });
  } catch (err) {
    // normalise() already caught what a user can get wrong; this is a second line of defence.
    throw new InputError(`${command}: ${(err as Error).message.split('\n')[0]} ${see(command)}`);
  }
  const positionals = parsed.positionals;
  if (!opts.positionals && positionals.length > 0) {
    throw new InputError(`${command}: unexpected argument "${positionals[0]}"${opts.positionalHint ? `; ${opts.positionalHint}` : ''} ${see(command)}`);
  }
  return { help: false, values: parsed.values as CommandArgs['values'], positionals };
}

/** A string option's value (undefined when absent). */
export function stringValue(args: CommandArgs, name: string): string | undefined {
  const v = args.values[name];
  if (Array.isArray(v)) return v[v.length - 1];
  return typeof v === 'string' ? v : undefined;
}

/** A list or repeat option's values ([] when absent). */
export function listValue(args: CommandArgs, name: string): string[] {
  const v = args.values[name];
  return Array.isArray(v) ? v : typeof v === 'string' ? [v] : [];
}

export function flagValue(args: CommandArgs, name: string): boolean {
  return args.values[name] === true;
}

/** A finite number from an option, or InputError `<command>: --name expects <what> (got "x")`. */
export function numberValue(command: string, name: string, s: string, what = 'a number'): number {
  const v = Number(s);
  if (s.trim() === '' || !Number.isFinite(v)) throw new InputError(`${command}: --${name} expects ${what} (got "${s}")`);
  return v;
}
