import type { CliCommand } from '../types';

export const infoCommand: CliCommand = {
  name: 'info',
  summary: '(not yet implemented)',
  usage: 'contrastscope info',
  async run() {
    console.error('contrastscope: info is not implemented yet');
    return 2;
  },
};
