// The `contrastscope` command line: the same shared/ code as the app, run under Node.
import type { CliCommand } from './types';
import { InputError } from './types';

/**
 * `render` loads only its own modules: its wall time, start-up included, is a bench row (5 s),
 * and importing every command (meshes, permutations, …) cost about 0.3 s of it.
 */
const OWN_MODULE: Record<string, () => Promise<CliCommand>> = {
  render: async () => (await import('./commands/render')).renderCommand,
};

function helpText(commands: CliCommand[]): string {
  const rows = commands.map((c) => `  ${c.name.padEnd(14)} ${c.summary}`);
  return ['usage: contrastscope <command> [options]', '', 'commands:', ...rows, '', 'Run `contrastscope <command> --help` for its options.'].join('\n');
}

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name && OWN_MODULE[name] && !rest.includes('--help') && !rest.includes('-h')) return (await OWN_MODULE[name]()).run(rest);
  const { commands } = await import('./commands/index');
  const help = () => helpText(commands);
  if (!name || name === '--help' || name === '-h') {
    console.log(help());
    return name ? 0 : 2;
  }
  const cmd: CliCommand | undefined = commands.find((c) => c.name === name);
  if (!cmd) {
    console.error(`contrastscope: unknown command "${name}". Commands: ${commands.map((c) => c.name).join(', ')}`);
    return 2;
  }
  // Each command's parser (electron/cli/args.ts) answers --help too; this keeps it for any
  // command that does not use it. Arguments after `--` are file names, not options.
  const options = rest.indexOf('--') < 0 ? rest : rest.slice(0, rest.indexOf('--'));
  if (options.includes('--help') || options.includes('-h')) {
    console.log(cmd.usage);
    return 0;
  }
  return cmd.run(rest);
}

// `contrastscope ... | head` closes the pipe early; that is not an error.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw err;
});

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    if (err instanceof InputError || (err instanceof Error && (err as { userFacing?: boolean }).userFacing)) {
      console.error(`contrastscope: ${err.message.split('\n')[0]}`);
      process.exitCode = 2;
    } else {
      // A bug: never a silent wrong answer.
      console.error('contrastscope: internal error:', err instanceof Error ? err.stack : err);
      process.exitCode = 70;
    }
  },
);
