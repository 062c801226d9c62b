import type { CliCommand } from '../types';

export const matrixPairedCommand: CliCommand = {
  name: 'matrix-paired',
  summary: '(not yet implemented)',
  usage: 'contrastscope matrix-paired',
  async run() {
    console.error('contrastscope: matrix-paired is not implemented yet');
    return 2;
  },
};
