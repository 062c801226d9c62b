/**
 * Atlas and ROI outlines drawn per plane. niivue's own atlas outline is 3D (a voxel is border
 * when any of its 3D neighbours has another label), so a slice that runs along a region's top
 * or bottom face shows that face filled. Here each tile (axial, coronal, sagittal, in any layout)
 * shows the outline of its own plane (shared/atlas/planeOutline.ts), drawn after niivue's
 * frame into the same WebGL canvas, so screenshots and figure exports contain it. Each tile's
 * slice is one small texture (a texel per voxel) placed by niivue's own screen -> voxel mapping,
 * so zoom, pan and radiological flips follow. The 3D render tile is left to niivue.
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
  private gpu: { program: WebGLProgram; vao: WebGLVertexArrayObject; texture: WebGLTexture; sampler: WebGLUniformLocation | null; corners: WebGLUniformLocation | null } | null = null;
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

  /** Draws each 2D tile's outline slice over niivue's frame. */
  private paint(): void {
    const nv = this.nv;
    const gl = nv.gl as WebGL2RenderingContext | null;
    if (!gl || !this.sources.length || !nv.volumes.length) return;
    const t0 = performance.now();
    const W = gl.drawingBufferWidth;
    const H = gl.drawingBufferHeight;
    const images: TileImage[] = [];
    nv.screenSlices.forEach((tile, t) => {
      if (tile.axCorSag > 2) return;
      for (const s of this.sources) {
        const img = this.tileImage(W, H, t, tile.leftTopWidthHeight, tile.axCorSag, s);
        if (img) images.push(img);
      }
    });
    const t1 = performance.now();
    if (images.length) this.draw(gl, W, H, images);
    // CPU cost, for tests and benchmarks: this frame's outlines, and the last outline computation.
    const canvas = nv.canvas as HTMLCanvasElement | null;
    if (canvas) {
      canvas.dataset.outlinePaintMs = (performance.now() - t0).toFixed(1);
      canvas.dataset.outlineUploadMs = (performance.now() - t1).toFixed(1);
      canvas.dataset.outlineMaskMs = lastMaskMs.toFixed(1);
    }
  }

  /**
   * The tile's slice of the outline at the label grid's own resolution (one texel per voxel,
   * small to upload), and where its corners fall on the canvas.
   */
  private tileImage(W: number, H: number, t: number, ltwh: number[], axCorSag: number, s: OutlineSource): TileImage | null {
    const [, top, , height] = ltwh;
    let [left, , width] = ltwh;
    if (width < 0) {
      left += width;
      width = -width;
    }
    if (width < 2 || height < 2) return null;
    // Screen -> voxel of the label grid is affine within a tile: take it from three points well
    // inside the tile (its edges are fractional pixels; niivue answers -1 outside it).
    const vox = (x: number, y: number) => {
      const f = this.nv.screenXY2TextureFrac(x, y, t, false);
      if (f[0] < 0 && f[1] < 0 && f[2] < 0) return [NaN, NaN, NaN];
      const mm = this.nv.frac2mm(f);
      return mmToVoxel(s.grid.affine, mm[0], mm[1], mm[2]);
    };
    const xa = left + 0.25 * width;
    const ya = top + 0.25 * height;
    const xb = left + 0.75 * width;
    const yb = top + 0.75 * height;
    const p = vox(xa, ya);
    const px1 = vox(xb, ya);
    const py1 = vox(xa, yb);
    if (![...p, ...px1, ...py1].every(Number.isFinite)) return null;
    const dx = [0, 1, 2].map((a) => (px1[a] - p[a]) / (xb - xa));
    const dy = [0, 1, 2].map((a) => (py1[a] - p[a]) / (yb - ya));
    const dims = s.grid.dims;
    const axis = voxelAxisOfWorld(s.grid.affine)[2 - axCorSag];
    const [ub, uc] = [0, 1, 2].filter((a) => a !== axis);
    const slice = Math.floor(p[axis] + dx[axis] * 0.25 * width + dy[axis] * 0.25 * height + 0.5);
    if (slice < 0 || slice >= dims[axis]) return null;
    const nb = dims[ub];
    const nc = dims[uc];
    const stride = [1, dims[0], dims[0] * dims[1]];
    const bit = planeBit(axis);
    const mask = outlineMask(s.labels, s.grid);
    const { labels, colours } = s;
    const rgba = new Uint32Array(nb * nc);
    let any = false;
    for (let v = 0; v < nc; v++) {
      const base = slice * stride[axis] + v * stride[uc];
      for (let u = 0; u < nb; u++) {
        const idx = base + u * stride[ub];
        if (!(mask[idx] & bit)) continue;
        const c = colours[labels[idx]];
        if (c) {
          rgba[v * nb + u] = c;
          any = true;
        }
      }
    }
    if (!any) return null;
    // Canvas position of in-plane voxel coordinates (qb, qc): invert the 2x2 screen -> voxel map.
    const det = dx[ub] * dy[uc] - dy[ub] * dx[uc];
    if (Math.abs(det) < 1e-12) return null;
    const clip = (qb: number, qc: number): [number, number] => {
      const eb = qb - p[ub];
      const ec = qc - p[uc];
      const x = xa + (dy[uc] * eb - dy[ub] * ec) / det;
      const y = ya + (dx[ub] * ec - dx[uc] * eb) / det;
      return [(2 * x) / W - 1, 1 - (2 * y) / H];
    };
    const corners = [...clip(-0.5, -0.5), ...clip(nb - 0.5, -0.5), ...clip(-0.5, nc - 0.5), ...clip(nb - 0.5, nc - 0.5)];
    const x0 = Math.max(0, Math.floor(left));
    const y0 = Math.max(0, Math.floor(top));
    const x1 = Math.min(W, Math.ceil(left + width));
    const y1 = Math.min(H, Math.ceil(top + height));
    return { rgba: new Uint8Array(rgba.buffer), w: nb, h: nc, corners, scissor: [x0, H - y1, x1 - x0, y1 - y0] };
  }

  /** Blends the tiles' images over niivue's frame, leaving niivue's GL state as it was. */
  private draw(gl: WebGL2RenderingContext, W: number, H: number, images: TileImage[]): void {
    const g = this.gpu ?? (this.gpu = makeGpu(gl));
    if (!g) return;
    const saved = {
      program: gl.getParameter(gl.CURRENT_PROGRAM) as WebGLProgram | null,
      vao: gl.getParameter(gl.VERTEX_ARRAY_BINDING) as WebGLVertexArrayObject | null,
      active: gl.getParameter(gl.ACTIVE_TEXTURE) as number,
      viewport: gl.getParameter(gl.VIEWPORT) as Int32Array,
      scissorBox: gl.getParameter(gl.SCISSOR_BOX) as Int32Array,
      blend: gl.isEnabled(gl.BLEND),
      depth: gl.isEnabled(gl.DEPTH_TEST),
      scissor: gl.isEnabled(gl.SCISSOR_TEST),
      cull: gl.isEnabled(gl.CULL_FACE),
      flip: gl.getParameter(gl.UNPACK_FLIP_Y_WEBGL) as boolean,
      premul: gl.getParameter(gl.UNPACK_PREMULTIPLY_ALPHA_WEBGL) as boolean,
      align: gl.getParameter(gl.UNPACK_ALIGNMENT) as number,
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
    gl.pixelStorei(gl.UNPACK_ALIGNMENT, 4);
    gl.bindFramebuffer(gl.FRAMEBUFFER, null);
    gl.viewport(0, 0, W, H);
    gl.disable(gl.DEPTH_TEST);
    gl.disable(gl.CULL_FACE);
    gl.enable(gl.SCISSOR_TEST);
    gl.enable(gl.BLEND);
    // Colour over the frame; the canvas stays opaque.
    gl.blendFuncSeparate(gl.SRC_ALPHA, gl.ONE_MINUS_SRC_ALPHA, gl.ONE, gl.ONE_MINUS_SRC_ALPHA);
    gl.useProgram(g.program);
    gl.uniform1i(g.sampler, 15);
    gl.bindVertexArray(g.vao);
    for (const img of images) {
      gl.texImage2D(gl.TEXTURE_2D, 0, gl.RGBA, img.w, img.h, 0, gl.RGBA, gl.UNSIGNED_BYTE, img.rgba);
      gl.uniform2fv(g.corners, img.corners);
      gl.scissor(img.scissor[0], img.scissor[1], img.scissor[2], img.scissor[3]);
      gl.drawArrays(gl.TRIANGLE_STRIP, 0, 4);
    }
    // Put back what niivue had.
    gl.bindVertexArray(saved.vao);
    gl.useProgram(saved.program);
    gl.bindTexture(gl.TEXTURE_2D, savedTex);
    gl.activeTexture(saved.active);
    gl.bindFramebuffer(gl.FRAMEBUFFER, saved.fb);
    gl.viewport(saved.viewport[0], saved.viewport[1], saved.viewport[2], saved.viewport[3]);
    gl.scissor(saved.scissorBox[0], saved.scissorBox[1], saved.scissorBox[2], saved.scissorBox[3]);
    gl.blendFuncSeparate(saved.blendSrc, saved.blendDst, saved.blendSrcA, saved.blendDstA);
    if (!saved.blend) gl.disable(gl.BLEND);
    if (saved.depth) gl.enable(gl.DEPTH_TEST);
    if (!saved.scissor) gl.disable(gl.SCISSOR_TEST);
    if (saved.cull) gl.enable(gl.CULL_FACE);
    gl.pixelStorei(gl.UNPACK_FLIP_Y_WEBGL, saved.flip);
    gl.pixelStorei(gl.UNPACK_PREMULTIPLY_ALPHA_WEBGL, saved.premul);
    gl.pixelStorei(gl.UNPACK_ALIGNMENT, saved.align);
  }
}

interface TileImage {
  rgba: Uint8Array;
  w: number;
  h: number;
  /** clip-space x, y of texture corners (0,0), (1,0), (0,1), (1,1) */
  corners: number[];
  /** the tile, in GL pixels (origin bottom left) */
  scissor: [number, number, number, number];
}

const VERT = `#version 300 es
uniform vec2 corners[4];
out vec2 uv;
void main() {
  uv = vec2(float(gl_VertexID & 1), float(gl_VertexID >> 1));
  gl_Position = vec4(corners[gl_VertexID], 0.0, 1.0);
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
  return { program, vao, texture, sampler: gl.getUniformLocation(program, 'outlines'), corners: gl.getUniformLocation(program, 'corners') };
}
