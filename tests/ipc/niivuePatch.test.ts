// The build-time guard on niivue's unused gradient pass must match the installed niivue exactly once.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { niivueUnlitGradient, patchNiivueSource } from '../../scripts/niivueUnlitGradient.mjs';

const file = fileURLToPath(new URL('../../node_modules/@niivue/niivue/build/niivue/index.js', import.meta.url));
const source = readFileSync(file, 'utf8');

describe('niivue unlit-gradient guard', () => {
  it('guards the one gradient call made when the background is uploaded', () => {
    const patched = patchNiivueSource(source);
    const guard = 'if (this.gradientTextureAmount > 0 || this.opts.gradientOpacity > 0 || this.renderGradientValues) this.gradientTexture = gradientGL({';
    expect(patched.split(guard).length - 1).toBe(1);
    // Nothing else changes.
    expect(patched.replace('if (this.gradientTextureAmount > 0 || this.opts.gradientOpacity > 0 || this.renderGradientValues) ', '')).toBe(source);
  });

  it('the plugin rewrites only niivue, and fails loudly when the code has moved', () => {
    const plugin = niivueUnlitGradient();
    const transform = plugin.transform as (code: string, id: string) => { code: string } | null;
    expect(transform('const a = 1;', '/x/node_modules/three/build/three.module.js')).toBeNull();
    expect(transform(source, file)?.code).toContain('this.renderGradientValues) this.gradientTexture = gradientGL(');
    expect(() => transform('export const x = 1;', file)).toThrow(/niivue/);
  });
});
