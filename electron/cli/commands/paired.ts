import type { CliCommand } from '../types';

export const pairedCommand: CliCommand = {
  name: 'paired',
  summary: '(not yet implemented)',
  usage: 'contrastscope paired',
  async run() {
    console.error('contrastscope: paired is not implemented yet');
    return 2;
  },
};
