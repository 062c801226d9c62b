import type { CliCommand } from '../types';

export const clustersCommand: CliCommand = {
  name: 'clusters',
  summary: '(not yet implemented)',
  usage: 'contrastscope clusters',
  async run() {
    console.error('contrastscope: clusters is not implemented yet');
    return 2;
  },
};
