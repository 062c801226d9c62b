/**
 * A 3D connectivity scene in MNI mm (x right, y anterior, z superior): ROI nodes at their
 * centroids, the edges that pass the threshold as tubes (warm: higher under condition A, cool:
 * lower; thicker for larger |t|), inside a translucent glass brain. Draws only when something
 * changes (software GL on some machines makes every frame count).
 */
import * as THREE from 'three';
import { OrbitControls } from 'three/addons/controls/OrbitControls.js';
import { CSS2DObject, CSS2DRenderer } from 'three/addons/renderers/CSS2DRenderer.js';
import type { Mesh } from '../../../shared/mesh';

export interface SceneNode {
  name: string;
  x: number;
  y: number;
  z: number;
}

export interface SceneEdge {
  i: number;
  j: number;
  t: number;
}

export type ViewPreset = 'left' | 'right' | 'top' | 'front';

/** Where the camera looks from, for each preset (unit vectors; z up except from the top). */
const PRESETS: Record<ViewPreset, { dir: [number, number, number]; up: [number, number, number] }> = {
  left: { dir: [-1, 0, 0], up: [0, 0, 1] },
  right: { dir: [1, 0, 0], up: [0, 0, 1] },
  top: { dir: [0, 0, 1], up: [0, 1, 0] },
  front: { dir: [0, 1, 0], up: [0, 0, 1] },
};

export const DEFAULT_VIEW: ViewPreset = 'top';

/** Where a label may sit relative to its node's centre (px, screen space): above first, then below, then further out. */
const LABEL_OFFSETS = [-22, 12, -40, 30];

function overlaps(a: DOMRect, b: DOMRect): boolean {
  return a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
}

/** Roughly the centre of the MNI brain, so rotation keeps it in view. */
const BRAIN_CENTRE = new THREE.Vector3(0, -18, 12);
const DISTANCE = 420;

// Saturated enough to read through the glass brain and in print (warm up, cool down, as the heatmaps).
const WARM = [new THREE.Color(0xffa040), new THREE.Color(0xe8261a)];
const COOL = [new THREE.Color(0x46a0ff), new THREE.Color(0x2a5cff)];

/** Edge colour: light at small |t|, saturated at the largest |t| shown. */
export function edgeColour(t: number, limit: number): THREE.Color {
  const [lo, hi] = t >= 0 ? WARM : COOL;
  const f = Math.min(1, Math.abs(t) / (limit || 1));
  return lo.clone().lerp(hi, 0.35 + 0.65 * f);
}

export class ConnectomeView {
  readonly renderer: THREE.WebGLRenderer;
  private readonly labels: CSS2DRenderer;
  private readonly scene = new THREE.Scene();
  private readonly camera = new THREE.PerspectiveCamera(32, 1, 10, 3000);
  private readonly controls: OrbitControls;
  private readonly graph = new THREE.Group();
  private brain: THREE.Mesh | null = null;
  /** Node labels, strongest node (sum of |t| of its edges) first: it keeps the best place. */
  private labelEls: HTMLElement[] = [];
  private frame = 0;
  /** Bumped on every draw (tests wait for it). */
  version = 0;
  onDraw: (() => void) | null = null;

  constructor(private readonly canvas: HTMLCanvasElement, labelLayer: HTMLElement) {
    // preserveDrawingBuffer: the canvas can be read back for PNG export and screenshots.
    this.renderer = new THREE.WebGLRenderer({ canvas, antialias: true, preserveDrawingBuffer: true });
    this.renderer.setPixelRatio(Math.min(2, window.devicePixelRatio || 1));
    this.renderer.setClearColor(0x000000, 1);
    this.labels = new CSS2DRenderer({ element: labelLayer });
    this.scene.add(new THREE.HemisphereLight(0xffffff, 0x404050, 1.6));
    const key = new THREE.DirectionalLight(0xffffff, 1.4);
    key.position.set(0.4, 0.6, 1);
    // The key light rides with the camera, so every view is lit from the viewer's side.
    this.camera.add(key);
    this.scene.add(this.camera);
    this.scene.add(this.graph);
    this.controls = new OrbitControls(this.camera, canvas);
    this.controls.target.copy(BRAIN_CENTRE);
    this.controls.enableDamping = false;
    this.controls.addEventListener('change', () => this.requestDraw());
    // From above, left hemisphere on the left (neurological), homologous nodes apart.
    this.setView(DEFAULT_VIEW);
  }

  setView(preset: ViewPreset): void {
    const { dir, up } = PRESETS[preset];
    this.camera.up.set(...up);
    this.camera.position.copy(BRAIN_CENTRE).add(new THREE.Vector3(...dir).multiplyScalar(DISTANCE));
    this.camera.lookAt(BRAIN_CENTRE);
    this.controls.update();
    this.requestDraw();
  }

  setBrain(mesh: Mesh | null): void {
    if (this.brain) {
      this.scene.remove(this.brain);
      this.brain.geometry.dispose();
      (this.brain.material as THREE.Material).dispose();
      this.brain = null;
    }
    if (mesh && mesh.indices.length) {
      const g = new THREE.BufferGeometry();
      g.setAttribute('position', new THREE.BufferAttribute(mesh.positions, 3));
      g.setIndex(new THREE.BufferAttribute(mesh.indices, 1));
      g.computeVertexNormals();
      const m = new THREE.MeshLambertMaterial({ color: 0x9aa7bd, transparent: true, opacity: 0.13, depthWrite: false });
      this.brain = new THREE.Mesh(g, m);
      // Drawn after the graph, so nodes and edges show through it.
      this.brain.renderOrder = 1;
      this.scene.add(this.brain);
    }
    this.requestDraw();
  }

  /** Nodes without coordinates (NaN) are left out, with their edges. */
  setGraph(nodes: SceneNode[], edges: SceneEdge[], limit: number): void {
    for (const child of [...this.graph.children]) {
      this.graph.remove(child);
      child.traverse((o) => {
        if (o instanceof THREE.Mesh) {
          o.geometry.dispose();
          (o.material as THREE.Material).dispose();
        }
        if (o instanceof CSS2DObject) o.element.remove();
      });
    }
    const placed = (n: SceneNode | undefined) => !!n && Number.isFinite(n.x) && Number.isFinite(n.y) && Number.isFinite(n.z);
    const used = new Set<number>();
    const strength = new Map<number, number>();
    for (const e of edges) for (const k of [e.i, e.j]) strength.set(k, (strength.get(k) ?? 0) + Math.abs(e.t));
    const labelled: { el: HTMLElement; s: number }[] = [];
    const sphere = new THREE.SphereGeometry(1, 20, 14);
    for (const e of edges) {
      const a = nodes[e.i];
      const b = nodes[e.j];
      if (!placed(a) || !placed(b)) continue;
      used.add(e.i).add(e.j);
      const pa = new THREE.Vector3(a.x, a.y, a.z);
      const pb = new THREE.Vector3(b.x, b.y, b.z);
      const len = pa.distanceTo(pb);
      if (len < 1e-6) continue;
      const radius = 0.7 + 1.8 * Math.min(1, Math.abs(e.t) / (limit || 1));
      const colour = edgeColour(e.t, limit);
      // Part emissive, so shading shows the tube's form without darkening its colour.
      const tube = new THREE.Mesh(new THREE.CylinderGeometry(radius, radius, len, 14, 1), new THREE.MeshLambertMaterial({ color: colour, emissive: colour.clone().multiplyScalar(0.55) }));
      // A cylinder stands on y; turn it onto the segment and centre it there.
      tube.quaternion.setFromUnitVectors(new THREE.Vector3(0, 1, 0), pb.clone().sub(pa).normalize());
      tube.position.copy(pa).add(pb).multiplyScalar(0.5);
      tube.userData = { edge: e };
      this.graph.add(tube);
    }
    nodes.forEach((n, i) => {
      if (!placed(n)) return;
      const on = used.has(i);
      const ball = new THREE.Mesh(sphere.clone(), new THREE.MeshLambertMaterial({ color: on ? 0xf2f2f2 : 0x6b6b6b }));
      ball.scale.setScalar(on ? 3.6 : 2.6);
      ball.position.set(n.x, n.y, n.z);
      ball.userData = { node: i };
      this.graph.add(ball);
      if (on) {
        const div = document.createElement('div');
        div.className = 'connectome-label';
        div.dataset.testid = 'connectome-label';
        div.textContent = n.name;
        // Anchored at the node's centre and moved in screen space (declutter), so it sits by the node in every view.
        ball.add(new CSS2DObject(div));
        labelled.push({ el: div, s: strength.get(i) ?? 0 });
      }
    });
    sphere.dispose();
    this.labelEls = labelled.sort((a, b) => b.s - a.s).map((x) => x.el);
    this.requestDraw();
  }

  /** Moves labels that would cover an earlier (stronger) node's label to the next free offset. */
  private declutter(): void {
    const taken: DOMRect[] = [];
    for (const el of this.labelEls) {
      if (el.style.display === 'none') continue;
      let chosen = LABEL_OFFSETS[0];
      for (const off of LABEL_OFFSETS) {
        el.style.marginTop = `${off}px`;
        if (!taken.some((r) => overlaps(r, el.getBoundingClientRect()))) {
          chosen = off;
          break;
        }
      }
      el.style.marginTop = `${chosen}px`;
      el.dataset.offset = String(chosen);
      taken.push(el.getBoundingClientRect());
    }
  }

  /** What is under a point of the canvas (0..1 across and down): a node, an edge, or nothing. */
  pick(u: number, v: number): { node: number } | { edge: SceneEdge } | null {
    const ray = new THREE.Raycaster();
    ray.setFromCamera(new THREE.Vector2(u * 2 - 1, 1 - v * 2), this.camera);
    for (const hit of ray.intersectObjects(this.graph.children, false)) {
      const data = hit.object.userData as { node?: number; edge?: SceneEdge };
      if (data.node !== undefined) return { node: data.node };
      if (data.edge) return { edge: data.edge };
    }
    return null;
  }

  setSize(width: number, height: number): void {
    if (width <= 0 || height <= 0) return;
    this.renderer.setSize(width, height, false);
    this.labels.setSize(width, height);
    this.camera.aspect = width / height;
    this.camera.updateProjectionMatrix();
    this.requestDraw();
  }

  requestDraw(): void {
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.draw();
    });
  }

  draw(): void {
    this.renderer.render(this.scene, this.camera);
    this.labels.render(this.scene, this.camera);
    this.declutter();
    this.version++;
    this.onDraw?.();
  }

  dispose(): void {
    if (this.frame) cancelAnimationFrame(this.frame);
    this.controls.dispose();
    this.setGraph([], [], 1);
    this.setBrain(null);
    this.renderer.dispose();
  }
}
