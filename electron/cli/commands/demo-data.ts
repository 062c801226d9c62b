import type { CliCommand } from '../types';

export const demoDataCommand: CliCommand = {
  name: 'demo-data',
  summary: '(not yet implemented)',
  usage: 'contrastscope demo-data',
  async run() {
    console.error('contrastscope: demo-data is not implemented yet');
    return 2;
  },
};
