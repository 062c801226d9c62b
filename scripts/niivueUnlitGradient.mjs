/**
 * Build-time fix for @niivue/niivue 0.69: every upload of the background volume recomputes a 3D
 * gradient texture (a blur and a Sobel pass over every slice) even when nothing reads it. Only
 * gradient lighting (setVolumeRenderIllumination > 0), gradient opacity and the gradient view use
 * it; ContrastScope's 3D view is unlit. On the 1 mm template that pass is hundreds of draws: tens
 * of milliseconds on a GPU, but about 15 s of CPU with software GL (SwiftShader, as on CI and on
 * machines without a usable GPU), which competes with loading a study.
 *
 * Newer niivue skips the pass for unlit volumes (niivue/mono #140, #167). Until we move to it, the
 * same guard is added here. If the code no longer matches (niivue upgraded), the build fails
 * loudly rather than silently dropping the fix. `electron-vite dev` pre-bundles dependencies
 * without this plugin, so the dev server runs niivue unpatched (slower, same pictures).
 */
const MODULE = /[\\/]@niivue[\\/]niivue[\\/]build[\\/]niivue[\\/]index\.js$/;
const CALL = /(if \(layer === 0\) \{\s*this\.volumeTexture = outTexture;\s*)(this\.gradientTexture = gradientGL\(\{)/;
const GUARD = 'if (this.gradientTextureAmount > 0 || this.opts.gradientOpacity > 0 || this.renderGradientValues) ';

/** @returns {import('vite').Plugin} */
export function niivueUnlitGradient() {
  return {
    name: 'contrastscope-niivue-unlit-gradient',
    enforce: /** @type {const} */ ('pre'),
    /** @param {string} code @param {string} id */
    transform(code, id) {
      if (!MODULE.test(id)) return null;
      return { code: patchNiivueSource(code), map: null };
    },
  };
}

/** @param {string} code @returns {string} */
export function patchNiivueSource(code) {
  if (!CALL.test(code)) {
    throw new Error('niivueUnlitGradient: the gradient call in @niivue/niivue was not found; check the niivue version and update or drop scripts/niivueUnlitGradient.ts');
  }
  return code.replace(CALL, `$1${GUARD}$2`);
}
