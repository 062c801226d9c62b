/**
 * Atlas and ROI outlines drawn per plane. niivue's own atlas outline is 3D (a voxel is border
 * when any of its 3D neighbours has another label), so a slice that runs along a region's top
 * or bottom face shows that face filled. Here each tile (axial, coronal, sagittal, in any layout)
 * shows the outline of its own plane (shared/atlas/planeOutline.ts), painted after niivue's
 * frame into the same WebGL canvas: screenshots and figure exports contain it, and every pixel
 * takes the label of the voxel niivue samples there (zoom, pan and radiological flips included).
 */
import type { Niivue } from '@niivue/niivue';
import { planeBit, planeOutlineMask, voxelAxisOfWorld } from '../../../shared/atlas/planeOutline';
import { mmToVoxel } from '../../../shared/spaces/matrix';
import type { Grid } from '../../../shared/spaces/types';
import { onDrawn } from './createNiivue';

export interface OutlineSource {
  grid: Grid;
  /** label per voxel (the same array object keeps its computed outline) */
  labels: Float32Array;
  /** packed RGBA (little-endian ABGR) per label value; 0 = not drawn */
  colours: Uint32Array;
}

const masks = new WeakMap<Float32Array, Uint8Array>();
let lastMaskMs = 0;

/** The per-plane outline bits of a label image, computed once per array. */
export function outlineMask(labels: Float32Array, grid: Grid): Uint8Array {
  let m = masks.get(labels);
  if (!m) {
    const t0 = performance.now();
    m = planeOutlineMask(labels, grid.dims);
    masks.set(labels, m);
    lastMaskMs = performance.now() - t0;
  }
  return m;
}

export class PlaneOutlines {
  private sources: OutlineSource[] = [];
  private pixels: Uint32Array = new Uint32Array(0);
  private gpu: { program: WebGLProgram; vao: WebGLVertexArrayObject; texture: WebGLTexture; sampler: WebGLUniformLocation | null } | null = null;
  private readonly unhook: () => void;

  constructor(private readonly nv: Niivue) {
    this.unhook = onDrawn(nv, () => this.paint());
  }

  dispose(): void {
    this.unhook();
    this.sources = [];
  }

  set(sources: OutlineSource[]): void {
    for (const s of sources) outlineMask(s.labels, s.grid);
    const same = sources.length === this.sources.length && sources.every((s, i) => s.labels === this.sources[i].labels && s.colours === this.sources[i].colours);
    this.sources = sources;
    if (!same) this.nv.drawScene();
  }

  /** Fills `pixels` (canvas size, top row first) with the outline of every 2D tile. */
  private paint(): void {
    const nv = this.nv;
    const gl = nv.gl as WebGL2RenderingContext | null;
    if (!gl || !this.sources.length || !nv.volumes.length) return;
    const t0 = performance.now();
    const W = gl.drawingBufferWidth;
    const H = gl.drawingBufferHeight;
    if (this.pixels.length !== W * H) this.pixels = new Uint32Array(W * H);
    const px = this.pixels;
    px.fill(0);
    let any = false;
    nv.screenSlices.forEach((tile, t) => {
      if (tile.axCorSag > 2) return;
      for (const s of this.sources) any = this.paintTile(px, W, H, t, tile.leftTopWidthHeight, tile.axCorSag, s) || any;
    });
    const t1 = performance.now();
    if (any) this.upload(gl, W, H);
    // CPU cost, for tests and benchmarks: this frame's paint, and the last outline computation.
    const canvas = nv.canvas as HTMLCanvasElement | null;
    if (canvas) {
      canvas.dataset.outlinePaintMs = (performance.now() - t0).toFixed(1);
      canvas.dataset.outlineUploadMs = (performance.now() - t1).toFixed(1);
      canvas.dataset.outlineMaskMs = lastMaskMs.toFixed(1);
    }
  }

  private paintTile(px: Uint32Array, W: number, H: number, t: number, ltwh: number[], axCorSag: number, s: OutlineSource): boolean {
    const [, top, , height] = ltwh;
    let [left, , width] = ltwh;
    if (width < 0) {
      left += width;
      width = -width;
    }
    const x0 = Math.max(0, Math.floor(left));
    const x1 = Math.min(W, Math.ceil(left + width));
    const y0 = Math.max(0, Math.floor(top));
    const y1 = Math.min(H, Math.ceil(top + height));
    if (x1 - x0 < 2 || y1 - y0 < 2) return false;
    // Screen -> voxel of the label grid is affine within a tile: take it from three pixel centres.
    const vox = (x: number, y: number) => {
      const f = this.nv.screenXY2TextureFrac(x, y, t, false);
      const mm = this.nv.frac2mm(f);
      return mmToVoxel(s.grid.affine, mm[0], mm[1], mm[2]);
    };
    // Well inside the tile (its edges are fractional pixels; niivue answers -1 outside it).
    const xa = left + 0.25 * width;
    const ya = top + 0.25 * height;
    const xb = left + 0.75 * width;
    const yb = top + 0.75 * height;
    const p = vox(xa, ya);
    const px1 = vox(xb, ya);
    const py1 = vox(xa, yb);
    if (![...p, ...px1, ...py1].every(Number.isFinite)) return false;
    const dx = [0, 1, 2].map((a) => (px1[a] - p[a]) / (xb - xa));
    const dy = [0, 1, 2].map((a) => (py1[a] - p[a]) / (yb - ya));
    const [nx, ny, nz] = s.grid.dims;
    const bit = planeBit(voxelAxisOfWorld(s.grid.affine)[2 - axCorSag]);
    const mask = outlineMask(s.labels, s.grid);
    const { labels, colours } = s;
    let any = false;
    for (let y = y0; y < y1; y++) {
      let ci = p[0] + (y + 0.5 - ya) * dy[0] + (x0 + 0.5 - xa) * dx[0];
      let cj = p[1] + (y + 0.5 - ya) * dy[1] + (x0 + 0.5 - xa) * dx[1];
      let ck = p[2] + (y + 0.5 - ya) * dy[2] + (x0 + 0.5 - xa) * dx[2];
      const row = y * W;
      for (let x = x0; x < x1; x++, ci += dx[0], cj += dx[1], ck += dx[2]) {
        const i = Math.floor(ci + 0.5);
        const j = Math.floor(cj + 0.5);
        const k = Math.floor(ck + 0.5);
        if (i < 0 || j < 0 || k < 0 || i >= nx || j >= ny || k >= nz) continue;
        const v = i + nx * (j + ny * k);
        if (!(mask[v] & bit)) continue;
        const c = colours[labels[v]];
        if (c) {
          px[row + x] = c;
          any = true;
        }
      }
    }
    return any;
  }

  /** Blends the painted pixels over niivue's frame, leaving niivue's GL state as it was. */
  private upload(gl: WebGL2RenderingContext, W: number, H: number): void {
    const g = this.gpu ?? (this.gpu = makeGpu(gl));
    if (!g) return;
    const saved = {
      program: gl.getParameter(gl.CURRENT_PROGRAM) as WebGLProgram | null,
      vao: gl.getParameter(gl.VERTEX_ARRAY_BINDING) as WebGLVertexArrayObject | null,
      active: gl.getParameter(gl.ACTIVE_TEXTURE) as number,
      viewport: gl.getParameter(gl.VIEWPORT) as Int32Array,
      blend: gl.isEnabled(gl.BLEND),
      depth: gl.isEnabled(gl.DEPTH_TEST),
      scissor: gl.isEnabled(gl.SCISSOR_TEST),
      cull: gl.isEnabled(gl.CULL_FACE),
      flip: gl.getParameter(gl.UNPACK_FLIP_Y_WEBGL) as boolean,
      premul: gl.getParameter(gl.UNPACK_PREMULTIPLY_ALPHA_WEBGL) as boolean,
      fb: gl.getParameter(gl.FRAMEBUFFER_BINDING) as WebGLFramebuffer | null,
      blendSrc: gl.getParameter(gl.BLEND_SRC_RGB) as number,
      blendDst: gl.getParameter(gl.BLEND_DST_RGB) as number,
      blendSrcA: gl.getParameter(gl.BLEND_SRC_ALPHA) as number,
      blendDstA: gl.getParameter(gl.BLEND_DST_ALPHA) as number,
    };
    gl.activeTexture(gl.TEXTURE15);
    const savedTex = gl.getParameter(gl.TEXTURE_BINDING_2D) as WebGLTexture | null;
    gl.bindTexture(gl.TEXTURE_2D, g.texture);
    gl.pixelStorei(gl.UNPACK_FLIP_Y_WEBGL, false);
    gl.pixelStorei(gl.UNPACK_PREMULTIPLY_ALPHA_WEBGL, false);
    gl.texImage2D(gl.TEXTURE_2D, 0, gl.RGBA, W, H, 0, gl.RGBA, gl.UNSIGNED_BYTE, new Uint8Array(this.pixels.buffer, 0, W * H * 4));
    gl.bindFramebuffer(gl.FRAMEBUFFER, null);
    gl.viewport(0, 0, W, H);
    gl.disable(gl.DEPTH_TEST);
    gl.disable(gl.SCISSOR_TEST);
    gl.disable(gl.CULL_FACE);
    gl.enable(gl.BLEND);
    // Colour over the frame; the canvas stays opaque.
    gl.blendFuncSeparate(gl.SRC_ALPHA, gl.ONE_MINUS_SRC_ALPHA, gl.ONE, gl.ONE_MINUS_SRC_ALPHA);
    gl.useProgram(g.program);
    gl.uniform1i(g.sampler, 15);
    gl.bindVertexArray(g.vao);
    gl.drawArrays(gl.TRIANGLE_STRIP, 0, 4);
    // Put back what niivue had.
    gl.bindVertexArray(saved.vao);
    gl.useProgram(saved.program);
    gl.bindTexture(gl.TEXTURE_2D, savedTex);
    gl.activeTexture(saved.active);
    gl.bindFramebuffer(gl.FRAMEBUFFER, saved.fb);
    gl.viewport(saved.viewport[0], saved.viewport[1], saved.viewport[2], saved.viewport[3]);
    gl.blendFuncSeparate(saved.blendSrc, saved.blendDst, saved.blendSrcA, saved.blendDstA);
    if (!saved.blend) gl.disable(gl.BLEND);
    if (saved.depth) gl.enable(gl.DEPTH_TEST);
    if (saved.scissor) gl.enable(gl.SCISSOR_TEST);
    if (saved.cull) gl.enable(gl.CULL_FACE);
    gl.pixelStorei(gl.UNPACK_FLIP_Y_WEBGL, saved.flip);
    gl.pixelStorei(gl.UNPACK_PREMULTIPLY_ALPHA_WEBGL, saved.premul);
  }
}

const VERT = `#version 300 es
out vec2 uv;
void main() {
  vec2 p = vec2(float((gl_VertexID & 1) * 2 - 1), float((gl_VertexID >> 1) * 2 - 1));
  uv = vec2(p.x * 0.5 + 0.5, 0.5 - p.y * 0.5);
  gl_Position = vec4(p, 0.0, 1.0);
}`;
const FRAG = `#version 300 es
precision highp float;
uniform sampler2D outlines;
in vec2 uv;
out vec4 color;
void main() {
  color = texture(outlines, uv);
  if (color.a == 0.0) discard;
}`;

function makeGpu(gl: WebGL2RenderingContext): PlaneOutlines['gpu'] {
  const shader = (type: number, src: string) => {
    const s = gl.createShader(type)!;
    gl.shaderSource(s, src);
    gl.compileShader(s);
    if (!gl.getShaderParameter(s, gl.COMPILE_STATUS)) throw new Error(`outline shader: ${gl.getShaderInfoLog(s)}`);
    return s;
  };
  const program = gl.createProgram()!;
  gl.attachShader(program, shader(gl.VERTEX_SHADER, VERT));
  gl.attachShader(program, shader(gl.FRAGMENT_SHADER, FRAG));
  gl.linkProgram(program);
  if (!gl.getProgramParameter(program, gl.LINK_STATUS)) throw new Error(`outline program: ${gl.getProgramInfoLog(program)}`);
  const vao = gl.createVertexArray()!;
  const texture = gl.createTexture()!;
  const active = gl.getParameter(gl.ACTIVE_TEXTURE) as number;
  gl.activeTexture(gl.TEXTURE15);
  const before = gl.getParameter(gl.TEXTURE_BINDING_2D) as WebGLTexture | null;
  gl.bindTexture(gl.TEXTURE_2D, texture);
  gl.texParameteri(gl.TEXTURE_2D, gl.TEXTURE_MIN_FILTER, gl.NEAREST);
  gl.texParameteri(gl.TEXTURE_2D, gl.TEXTURE_MAG_FILTER, gl.NEAREST);
  gl.texParameteri(gl.TEXTURE_2D, gl.TEXTURE_WRAP_S, gl.CLAMP_TO_EDGE);
  gl.texParameteri(gl.TEXTURE_2D, gl.TEXTURE_WRAP_T, gl.CLAMP_TO_EDGE);
  gl.bindTexture(gl.TEXTURE_2D, before);
  gl.activeTexture(active);
  return { program, vao, texture, sampler: gl.getUniformLocation(program, 'outlines') };
}
