/// <reference lib="webworker" />
// gzip in WebAssembly (flate2 via foras, the same module that inflates study maps): about twice
// as fast as fflate at the same level, and synchronous, so it plugs into writeNifti's `deflate`.
// Deterministic: the same bytes and level give the same stream (no mtime in the header).
import { gzip, Memory } from '@hazae41/foras';
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
