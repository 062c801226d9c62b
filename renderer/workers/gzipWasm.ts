/// <reference lib="webworker" />
// gzip in WebAssembly (flate2 via foras, the same module that inflates study maps): about twice
// as fast as fflate at the same level, and synchronous, so it plugs into writeNifti's `deflate`.
// Deterministic: the same bytes and level give the same stream (no mtime in the header).
import { gunzip, gzip, Memory } from '@hazae41/foras';
import { wasmReady } from './readNiftiFast';

/** A gzip deflater for writeNifti, or null where WebAssembly cannot start (then fflate compresses). */
export async function wasmGzipper(level: number): Promise<((raw: Uint8Array) => Uint8Array) | null> {
  if (!(await wasmReady())) return null;
  return (raw) => {
    const input = new Memory(raw);
    try {
      const out = gzip(input, level);
      // The result is a view into WebAssembly memory: copy it out before freeing.
      const bytes = out.bytes.slice();
      out.free();
      return bytes;
    } finally {
      input.free();
    }
  };
}

/**
 * An inflater for readNifti's `inflate` option, or null without WebAssembly. Only for the app's
 * own bundled files (template, atlas): it inflates whole, without the reader's size checks.
 */
export async function wasmGunzipper(): Promise<((gz: Uint8Array) => Uint8Array) | null> {
  if (!(await wasmReady())) return null;
  return (gz) => {
    const input = new Memory(gz);
    try {
      const out = gunzip(input);
      const bytes = out.bytes.slice();
      out.free();
      return bytes;
    } finally {
      input.free();
    }
  };
}
