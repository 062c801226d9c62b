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
import { CONNECTOME_DISTANCE, connectomeViewCamera } from '../../../shared/figure/connectome';
import type { ConnectomeCamera } from '../../../shared/figure/schema';
import { BRAIN_CENTRE, ConnectomeContent, type SceneEdge, type SceneNode } from './connectomeContent';

export { edgeColour, type SceneEdge, type SceneNode } from './connectomeContent';

export type ViewPreset = 'left' | 'right' | 'top' | 'front';

export const DEFAULT_VIEW: ViewPreset = 'top';

/** Where a label may sit relative to its node's centre (px, screen space): above first, then below, then further out. */
const LABEL_OFFSETS = [-22, 12, -40, 30];

function overlaps(a: DOMRect, b: DOMRect): boolean {
  return a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
}

export class ConnectomeView {
  readonly renderer: THREE.WebGLRenderer;
  private readonly labels: CSS2DRenderer;
  /** The scene itself (lights, tubes, balls, glass brain), shared with the figure capture. */
  private readonly content = new ConnectomeContent();
  private readonly camera = this.content.camera;
  private readonly controls: OrbitControls;
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
    this.controls = new OrbitControls(this.camera, canvas);
    this.controls.target.copy(BRAIN_CENTRE);
    this.controls.enableDamping = false;
    this.controls.addEventListener('change', () => this.requestDraw());
    // From above, left hemisphere on the left (neurological), homologous nodes apart.
    this.setView(DEFAULT_VIEW);
  }

  setView(preset: ViewPreset): void {
    this.content.placeCamera(connectomeViewCamera(preset, CONNECTOME_DISTANCE)!);
    this.controls.target.copy(BRAIN_CENTRE);
    this.controls.update();
    this.requestDraw();
  }

  /**
   * Where the camera is, for a figure: the eye relative to the point it orbits (a pan moves that
   * point; the figure looks at the brain's centre from the same direction and distance), and up.
   */
  cameraState(): ConnectomeCamera {
    const eye = this.camera.position.clone().sub(this.controls.target);
    const r = (v: number) => Math.round(v * 1000) / 1000 + 0;
    return { eye: [r(eye.x), r(eye.y), r(eye.z)], up: [r(this.camera.up.x), r(this.camera.up.y), r(this.camera.up.z)] };
  }

  setBrain(mesh: Mesh | null): void {
    this.content.setBrain(mesh);
    this.requestDraw();
  }

  /** Nodes without coordinates (NaN) are left out, with their edges. */
  setGraph(nodes: SceneNode[], edges: SceneEdge[], limit: number): void {
    this.content.setGraph(nodes, edges, limit, (o) => {
      if (o instanceof CSS2DObject) o.element.remove();
    });
    this.labelEls = this.content.labelled.map((l) => {
      const div = document.createElement('div');
      div.className = 'connectome-label';
      div.dataset.testid = 'connectome-label';
      div.textContent = l.name;
      // Anchored at the node's centre and moved in screen space (declutter), so it sits by the node in every view.
      l.ball.add(new CSS2DObject(div));
      return div;
    });
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
    for (const hit of ray.intersectObjects(this.content.graph.children, false)) {
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
    this.renderer.render(this.content.scene, this.camera);
    this.labels.render(this.content.scene, this.camera);
    this.declutter();
    this.version++;
    this.onDraw?.();
  }

  dispose(): void {
    if (this.frame) cancelAnimationFrame(this.frame);
    this.controls.dispose();
    this.content.dispose((o) => {
      if (o instanceof CSS2DObject) o.element.remove();
    });
    this.renderer.dispose();
  }
}
