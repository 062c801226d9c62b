import type { CliCommand } from '../types';

export const roiCommand: CliCommand = {
  name: 'roi',
  summary: '(not yet implemented)',
  usage: 'contrastscope roi',
  async run() {
    console.error('contrastscope: roi is not implemented yet');
    return 2;
  },
};
