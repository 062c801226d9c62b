import type { NiftiErrorCode } from './types';

/** A file that cannot be read. The message starts with the file name and says the problem in plain words. */
export class NiftiError extends Error {
  readonly code: NiftiErrorCode;
  readonly fileName: string;
  readonly userFacing = true as const;
  constructor(code: NiftiErrorCode, fileName: string, problem: string) {
    super(`${fileName}: ${problem}`);
    this.name = 'NiftiError';
    this.code = code;
    this.fileName = fileName;
  }
}
