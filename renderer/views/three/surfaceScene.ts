/**
 * The surface grid's drawing: ONE three.js renderer for every view (Chromium keeps ~16 WebGL
 * contexts, and the Compare panes already use three), each view drawn into its own scissor
 * rectangle. Rows (MDMA, placebo, contrast) are scenes sharing the two hemispheres' geometry
 * (positions, normals and triangles uploaded once) with their own vertex colours; a threshold
 * change only rewrites those colours. ROI and cluster meshes sit inside, seen when the cortex
 * is see-through. Orthographic cameras, all driven by one shared orbit (linked cameras).
 */
import * as THREE from 'three';
import type { Mesh } from '../../../shared/mesh';
import type { Cortex, CortexHemisphere } from './cortexClient';

export type SurfaceViewId = 'left-lateral' | 'left-medial' | 'right-medial' | 'right-lateral' | 'dorsal' | 'ventral' | 'anterior' | 'posterior';
export type Hemi = 'left' | 'right';

/** Where each view looks from (MNI: x right, y anterior, z up) and which hemispheres it shows. */
export const VIEWS: Record<SurfaceViewId, { dir: [number, number, number]; up: [number, number, number]; hemis: Hemi[]; label: string }> = {
  'left-lateral': { dir: [-1, 0, 0], up: [0, 0, 1], hemis: ['left'], label: 'left lateral' },
  'left-medial': { dir: [1, 0, 0], up: [0, 0, 1], hemis: ['left'], label: 'left medial' },
  'right-medial': { dir: [-1, 0, 0], up: [0, 0, 1], hemis: ['right'], label: 'right medial' },
  'right-lateral': { dir: [1, 0, 0], up: [0, 0, 1], hemis: ['right'], label: 'right lateral' },
  dorsal: { dir: [0, 0, 1], up: [0, 1, 0], hemis: ['left', 'right'], label: 'dorsal' },
  ventral: { dir: [0, 0, -1], up: [0, 1, 0], hemis: ['left', 'right'], label: 'ventral' },
  anterior: { dir: [0, 1, 0], up: [0, 0, 1], hemis: ['left', 'right'], label: 'anterior' },
  posterior: { dir: [0, -1, 0], up: [0, 0, 1], hemis: ['left', 'right'], label: 'posterior' },
};

/** The shared camera: a rotation on top of each view's own direction, and a zoom. */
export interface Orbit {
  yaw: number;
  pitch: number;
  zoom: number;
}

interface Row {
  scene: THREE.Scene;
  light: THREE.DirectionalLight;
  hemi: Record<Hemi, THREE.Mesh>;
  /** the same vertices and colours with the coarse triangle list, drawn while the camera moves */
  coarse: Record<Hemi, THREE.Mesh>;
  colours: Record<Hemi, THREE.BufferAttribute>;
  extras: THREE.Group;
}

export interface ViewRect {
  row: string;
  view: SurfaceViewId;
  /** CSS pixels from the canvas's top-left */
  x: number;
  y: number;
  w: number;
  h: number;
}


export class SurfaceScene {
  readonly renderer: THREE.WebGLRenderer;
  private geometry: Record<Hemi, { positions: THREE.BufferAttribute; normals: THREE.BufferAttribute; index: THREE.BufferAttribute; coarse: THREE.BufferAttribute; count: number }>;
  /** while the camera moves: draw the coarse triangle lists (about 7x fewer triangles) */
  moving = false;
  private rows = new Map<string, Row>();
  private warmed = new Set<string>();
  private cortexMaterial = new THREE.MeshLambertMaterial({ vertexColors: true, side: THREE.FrontSide });
  private camera = new THREE.OrthographicCamera(-1, 1, 1, -1, 1, 2000);
  private raycaster = new THREE.Raycaster();
  orbit: Orbit = { yaw: 0, pitch: 0, zoom: 1 };
  private glass = false;
  /** behind the brains: the app's dark panel, or a figure page's colour */
  background = 0x0f1217;
  readonly cortex: Cortex;

  constructor(canvas: HTMLCanvasElement, cortex: Cortex) {
    this.cortex = cortex;
    // preserveDrawingBuffer: the pixels stay readable for Export PNG and the e2e pixel checks.
    this.renderer = new THREE.WebGLRenderer({ canvas, antialias: true, preserveDrawingBuffer: true, alpha: false });
    // The vertex colours are the colour tables' own (sRGB) bytes, as in the slice panes and the
    // colorbars: written out unconverted, a surface facing the light shows exactly the colorbar's
    // colour (with the default linear -> sRGB step every colour came out paler, t = cut as yellow
    // instead of the colorbar's orange).
    this.renderer.outputColorSpace = THREE.LinearSRGBColorSpace;
    this.renderer.setScissorTest(true);
    this.renderer.setClearColor(0x0f1217, 1);
    const attr = (h: CortexHemisphere) => ({
      positions: new THREE.BufferAttribute(h.positions, 3),
      normals: new THREE.BufferAttribute(h.normals, 3),
      index: new THREE.BufferAttribute(h.indices, 1),
      coarse: new THREE.BufferAttribute(h.coarse, 1),
      count: h.positions.length / 3,
    });
    this.geometry = { left: attr(cortex.left), right: attr(cortex.right) };
  }

  /** The row's scene, made on first use: hemispheres share the geometry buffers of every row. */
  row(id: string): Row {
    let r = this.rows.get(id);
    if (r) return r;
    const scene = new THREE.Scene();
    // Lambert light in three is divided by pi: 0.35 + 0.7 cos(angle) of the colour, so a face
    // towards the viewer shows its colour at about 1.0 and the sides of gyri fall to a third.
    scene.add(new THREE.AmbientLight(0xffffff, 0.35 * Math.PI));
    const light = new THREE.DirectionalLight(0xffffff, 0.7 * Math.PI);
    scene.add(light, light.target);
    const make = (h: Hemi) => {
      const src = this.geometry[h];
      // RGB bytes (normalised): a quarter of the floats' upload on every recolour.
      const colour = new THREE.BufferAttribute(new Uint8Array(src.count * 3).fill(180), 3, true);
      colour.setUsage(THREE.DynamicDrawUsage);
      const mesh = (index: THREE.BufferAttribute) => {
        const g = new THREE.BufferGeometry();
        g.setAttribute('position', src.positions);
        g.setAttribute('normal', src.normals);
        g.setAttribute('color', colour);
        g.setIndex(index);
        g.computeBoundingSphere();
        const m = new THREE.Mesh(g, this.cortexMaterial);
        m.renderOrder = 2;
        scene.add(m);
        return m;
      };
      return { mesh: mesh(src.index), coarse: mesh(src.coarse), colour };
    };
    const L = make('left');
    const R = make('right');
    const extras = new THREE.Group();
    scene.add(extras);
    r = { scene, light, hemi: { left: L.mesh, right: R.mesh }, coarse: { left: L.coarse, right: R.coarse }, colours: { left: L.colour, right: R.colour }, extras };
    this.rows.set(id, r);
    return r;
  }

  /**
   * Rows not shown are kept (at most three): disposing a row's geometry would also free the
   * position/normal/index buffers it shares with the other rows.
   */

  /** The colour buffer to fill for a row's hemisphere; call `coloursChanged` after writing it. */
  colourBuffer(row: string, hemi: Hemi): Uint8Array {
    return this.row(row).colours[hemi].array as Uint8Array;
  }

  coloursChanged(row: string): void {
    const r = this.row(row);
    r.colours.left.needsUpdate = true;
    r.colours.right.needsUpdate = true;
  }

  /** See-through cortex: ROI and cluster meshes inside show through. */
  setGlass(on: boolean): void {
    this.glass = on;
    this.cortexMaterial.transparent = on;
    this.cortexMaterial.opacity = on ? 0.35 : 1;
    this.cortexMaterial.depthWrite = !on;
    this.cortexMaterial.needsUpdate = true;
  }

  /** Replaces the meshes inside the cortex (the same in every row). */
  setExtras(meshes: { mesh: Mesh; colour: [number, number, number] }[]): void {
    for (const r of this.rows.values()) {
      for (const c of [...r.extras.children]) {
        r.extras.remove(c);
        const m = c as THREE.Mesh;
        m.geometry.dispose();
        (m.material as THREE.Material).dispose();
      }
    }
    const geoms = meshes.map(({ mesh }) => {
      const g = new THREE.BufferGeometry();
      g.setAttribute('position', new THREE.BufferAttribute(mesh.positions, 3));
      g.setIndex(new THREE.BufferAttribute(mesh.indices, 1));
      g.computeVertexNormals();
      return g;
    });
    for (const r of this.rows.values()) {
      meshes.forEach(({ colour }, k) => {
        const m = new THREE.Mesh(geoms[k], new THREE.MeshLambertMaterial({ color: new THREE.Color(...colour) }));
        m.renderOrder = 1;
        r.extras.add(m);
      });
    }
  }

  private placeCamera(view: SurfaceViewId, aspect: number): void {
    const v = VIEWS[view];
    const q = new THREE.Quaternion().setFromEuler(new THREE.Euler(this.orbit.pitch, 0, this.orbit.yaw, 'ZXY'));
    const dir = new THREE.Vector3(...v.dir).applyQuaternion(q);
    const up = new THREE.Vector3(...v.up).applyQuaternion(q);
    // Single hemispheres are centred on their own middle (x = ±35 mm), both on the midline.
    const cx = v.hemis.length === 2 ? 0 : v.hemis[0] === 'left' ? -35 : 35;
    const target = new THREE.Vector3(cx, -18, 10);
    const c = this.camera;
    c.position.copy(target).addScaledVector(dir, 500);
    c.up.copy(up);
    c.lookAt(target);
    // Fit the brain's box as seen from this side (half width x half height in mm), then zoom.
    const [bw, bh] = view === 'dorsal' || view === 'ventral' ? [78, 95] : view === 'anterior' || view === 'posterior' ? [78, 66] : [92, 68];
    const hw = Math.max(bw, bh * aspect) / this.orbit.zoom;
    const hh = hw / aspect;
    c.left = -hw;
    c.right = hw;
    c.top = hh;
    c.bottom = -hh;
    c.near = 1;
    c.far = 1000;
    c.updateProjectionMatrix();
    c.updateMatrixWorld();
  }

  /** Draws every view into its rectangle of the canvas (CSS pixels, canvas size w x h). */
  render(rects: ViewRect[], w: number, h: number, clearAll = true): void {
    const r = this.renderer;
    r.setClearColor(this.background, 1);
    if (clearAll) {
      r.setScissorTest(false);
      r.clear();
    }
    r.setScissorTest(true);
    for (const v of rects) {
      const row = this.rows.get(v.row);
      if (!row || v.w < 2 || v.h < 2) continue;
      const y = h - v.y - v.h;
      r.setViewport(v.x, y, v.w, v.h);
      r.setScissor(v.x, y, v.w, v.h);
      this.placeCamera(v.view, v.w / v.h);
      // A headlight from the upper left of the viewer.
      row.light.position.copy(this.camera.position).addScaledVector(this.camera.up, 150);
      row.light.target.position.set(0, 0, 0);
      for (const hm of ['left', 'right'] as Hemi[]) {
        const shown = VIEWS[v.view].hemis.includes(hm);
        row.hemi[hm].visible = shown && !this.moving;
        row.coarse[hm].visible = shown && this.moving;
      }
      for (const e of row.extras.children) {
        // Meshes of the hemisphere not shown stay hidden in single-hemisphere views.
        const geom = (e as THREE.Mesh).geometry;
        if (!geom.boundingSphere) geom.computeBoundingSphere();
        const x = geom.boundingSphere!.center.x;
        const hemis = VIEWS[v.view].hemis;
        // Only through a see-through cortex: opaque, the parts poking out of it would be clutter.
        e.visible = this.glass && (hemis.length === 2 || (x < 0 ? hemis[0] === 'left' : hemis[0] === 'right'));
      }
      r.render(row.scene, this.camera);
    }
    void w;
  }

  /**
   * Draws the coarse meshes once into one pixel so their triangle lists are uploaded before the
   * first drag (otherwise the first frame of a drag pays for it: seconds in software GL).
   */
  warmCoarse(): number {
    const rows = [...this.rows.keys()].filter((r) => !this.warmed.has(r));
    if (!rows.length) return 0;
    const was = this.moving;
    this.moving = true;
    const views: SurfaceViewId[] = ['left-lateral', 'right-lateral'];
    this.render(rows.flatMap((row) => views.map((view): ViewRect => ({ row, view, x: 0, y: 0, w: 2, h: 2 }))), 2, 2, false);
    this.moving = was;
    for (const r of rows) this.warmed.add(r);
    return rows.length;
  }

  /** Whether some row's coarse lists have not been drawn yet. */
  get coarseCold(): boolean {
    for (const r of this.rows.keys()) if (!this.warmed.has(r)) return true;
    return false;
  }

  /** The cortex point under a position inside a view (pixels from the view's top-left), or null. */
  pick(rect: ViewRect, px: number, py: number): { hemi: Hemi; vertex: number; point: THREE.Vector3 } | null {
    const row = this.rows.get(rect.row);
    if (!row) return null;
    this.placeCamera(rect.view, rect.w / rect.h);
    const ndc = new THREE.Vector2((px / rect.w) * 2 - 1, -(py / rect.h) * 2 + 1);
    this.raycaster.setFromCamera(ndc, this.camera);
    const targets = VIEWS[rect.view].hemis.map((hm) => row.hemi[hm]);
    for (const t of targets) t.visible = true;
    const hit = this.raycaster.intersectObjects(targets, false)[0];
    if (!hit || !hit.face) return null;
    const hemi: Hemi = hit.object === row.hemi.left ? 'left' : 'right';
    // The triangle's corner nearest the hit stands for it.
    const p = this.geometry[hemi].positions.array as Float32Array;
    let best = hit.face.a;
    let bestD = Infinity;
    for (const k of [hit.face.a, hit.face.b, hit.face.c]) {
      const d = (p[3 * k] - hit.point.x) ** 2 + (p[3 * k + 1] - hit.point.y) ** 2 + (p[3 * k + 2] - hit.point.z) ** 2;
      if (d < bestD) {
        bestD = d;
        best = k;
      }
    }
    return { hemi, vertex: best, point: hit.point.clone() };
  }

  dispose(): void {
    for (const r of this.rows.values()) for (const m of [r.hemi.left, r.hemi.right, r.coarse.left, r.coarse.right]) m.geometry.dispose();
    this.rows.clear();
    this.cortexMaterial.dispose();
    this.renderer.dispose();
  }
}
