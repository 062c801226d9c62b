/**
 * What the connectome scene draws, built once for the interactive ConnectomeView and for a
 * figure's capture (connectomeCapture.ts): lights, camera placement, edge tubes, node balls and
 * the glass brain, in MNI mm (x right, y anterior, z superior). Two palettes: the app's scene on
 * black, and paper (a figure on white), where white balls and a faint shell would vanish.
 */
import * as THREE from 'three';
import type { Mesh } from '../../../shared/mesh';
import { CONNECTOME_CENTRE, CONNECTOME_FOV } from '../../../shared/figure/connectome';
import type { ConnectomeCamera } from '../../../shared/figure/schema';

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

/** Roughly the centre of the MNI brain, so rotation keeps it in view. */
export const BRAIN_CENTRE = new THREE.Vector3(...CONNECTOME_CENTRE);

export interface ConnectomeStyle {
  warm: [THREE.Color, THREE.Color];
  cool: [THREE.Color, THREE.Color];
  /** node with a drawn edge, and one without */
  nodeOn: number;
  nodeOff: number;
  brain: { color: number; opacity: number };
}

// Saturated enough to read through the glass brain and in print (warm up, cool down, as the heatmaps).
export const SCREEN_STYLE: ConnectomeStyle = {
  warm: [new THREE.Color(0xffa040), new THREE.Color(0xe8261a)],
  cool: [new THREE.Color(0x46a0ff), new THREE.Color(0x2a5cff)],
  nodeOn: 0xf2f2f2,
  nodeOff: 0x6b6b6b,
  brain: { color: 0x9aa7bd, opacity: 0.13 },
};

// On white: the light ends darkened (pale orange and sky blue wash out on paper), dark nodes, and
// a grey shell dense enough to show the brain's outline.
export const PAPER_STYLE: ConnectomeStyle = {
  warm: [new THREE.Color(0xf07818), new THREE.Color(0xc0180c)],
  cool: [new THREE.Color(0x2f86e8), new THREE.Color(0x1030b8)],
  nodeOn: 0x303030,
  nodeOff: 0xa8a8a8,
  brain: { color: 0x6c7480, opacity: 0.2 },
};

/** Edge colour: light at small |t|, saturated at the largest |t| shown. */
export function edgeColour(t: number, limit: number, style: ConnectomeStyle = SCREEN_STYLE): THREE.Color {
  const [lo, hi] = t >= 0 ? style.warm : style.cool;
  const f = Math.min(1, Math.abs(t) / (limit || 1));
  return lo.clone().lerp(hi, 0.35 + 0.65 * f);
}

const placed = (n: SceneNode | undefined): n is SceneNode => !!n && Number.isFinite(n.x) && Number.isFinite(n.y) && Number.isFinite(n.z);

/** A node that gets a label: it has a drawn edge; `strength` is the sum of |t| of its edges. */
export interface LabelledNode {
  index: number;
  name: string;
  ball: THREE.Mesh;
  radius: number;
  strength: number;
}

export class ConnectomeContent {
  readonly scene = new THREE.Scene();
  readonly camera = new THREE.PerspectiveCamera(CONNECTOME_FOV, 1, 10, 3000);
  readonly graph = new THREE.Group();
  private brain: THREE.Mesh | null = null;
  /** strongest first */
  labelled: LabelledNode[] = [];

  constructor(readonly style: ConnectomeStyle = SCREEN_STYLE) {
    this.scene.add(new THREE.HemisphereLight(0xffffff, 0x404050, 1.6));
    const key = new THREE.DirectionalLight(0xffffff, 1.4);
    key.position.set(0.4, 0.6, 1);
    // The key light rides with the camera, so every view is lit from the viewer's side.
    this.camera.add(key);
    this.scene.add(this.camera);
    this.scene.add(this.graph);
  }

  /** The eye at `eye` mm from the brain's centre, looking at it, `up` up the picture. */
  placeCamera(c: ConnectomeCamera): void {
    this.camera.up.set(...c.up);
    this.camera.position.copy(BRAIN_CENTRE).add(new THREE.Vector3(...c.eye));
    this.camera.lookAt(BRAIN_CENTRE);
  }

  setAspect(aspect: number): void {
    this.camera.aspect = aspect;
    this.camera.updateProjectionMatrix();
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
      const m = new THREE.MeshLambertMaterial({ color: this.style.brain.color, transparent: true, opacity: this.style.brain.opacity, depthWrite: false });
      this.brain = new THREE.Mesh(g, m);
      // Drawn after the graph, so nodes and edges show through it.
      this.brain.renderOrder = 1;
      this.scene.add(this.brain);
    }
  }

  /** Nodes without coordinates (NaN) are left out, with their edges. `dropped` is called for each child removed (labels). */
  setGraph(nodes: SceneNode[], edges: SceneEdge[], limit: number, dropped?: (o: THREE.Object3D) => void): void {
    for (const child of [...this.graph.children]) {
      this.graph.remove(child);
      child.traverse((o) => {
        if (o instanceof THREE.Mesh) {
          o.geometry.dispose();
          (o.material as THREE.Material).dispose();
        }
        dropped?.(o);
      });
    }
    const used = new Set<number>();
    const strength = new Map<number, number>();
    for (const e of edges) for (const k of [e.i, e.j]) strength.set(k, (strength.get(k) ?? 0) + Math.abs(e.t));
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
      const colour = edgeColour(e.t, limit, this.style);
      // Part emissive, so shading shows the tube's form without darkening its colour.
      const tube = new THREE.Mesh(new THREE.CylinderGeometry(radius, radius, len, 14, 1), new THREE.MeshLambertMaterial({ color: colour, emissive: colour.clone().multiplyScalar(0.55) }));
      // A cylinder stands on y; turn it onto the segment and centre it there.
      tube.quaternion.setFromUnitVectors(new THREE.Vector3(0, 1, 0), pb.clone().sub(pa).normalize());
      tube.position.copy(pa).add(pb).multiplyScalar(0.5);
      tube.userData = { edge: e };
      this.graph.add(tube);
    }
    const labelled: LabelledNode[] = [];
    nodes.forEach((n, i) => {
      if (!placed(n)) return;
      const on = used.has(i);
      const ball = new THREE.Mesh(sphere.clone(), new THREE.MeshLambertMaterial({ color: on ? this.style.nodeOn : this.style.nodeOff }));
      const radius = on ? 3.6 : 2.6;
      ball.scale.setScalar(radius);
      ball.position.set(n.x, n.y, n.z);
      ball.userData = { node: i };
      this.graph.add(ball);
      if (on) labelled.push({ index: i, name: n.name, ball, radius, strength: strength.get(i) ?? 0 });
    });
    sphere.dispose();
    // Stable order for ties (the index), so the app and the CLI place the same labels first.
    this.labelled = labelled.sort((a, b) => b.strength - a.strength || a.index - b.index);
  }

  /**
   * Crops empty margins: zooms in (never out) until the glass brain and the nodes fill `fill` of the
   * picture's width or height. The eye, and so the perspective, stay where the camera was.
   */
  cropToContent(fill = 0.94): number {
    this.camera.zoom = 1;
    this.camera.updateProjectionMatrix();
    this.camera.updateMatrixWorld();
    let ext = 0;
    const v = new THREE.Vector3();
    const look = (x: number, y: number, z: number) => {
      v.set(x, y, z).project(this.camera);
      if (v.z <= 1) ext = Math.max(ext, Math.abs(v.x), Math.abs(v.y));
    };
    const pos = this.brain?.geometry.getAttribute('position');
    if (pos) for (let i = 0; i < pos.count; i += 3) look(pos.getX(i), pos.getY(i), pos.getZ(i));
    for (const o of this.graph.children) if (o.userData.node !== undefined) look(o.position.x, o.position.y, o.position.z);
    const zoom = ext > 0 ? Math.min(4, Math.max(1, fill / ext)) : 1;
    this.camera.zoom = zoom;
    this.camera.updateProjectionMatrix();
    return zoom;
  }

  /** The labelled nodes' centres on a picture pxW x pxH (px from the top left) and their radius there. */
  labelAnchors(pxW: number, pxH: number): { text: string; x: number; y: number; r: number }[] {
    this.camera.updateMatrixWorld();
    const out: { text: string; x: number; y: number; r: number }[] = [];
    const right = new THREE.Vector3().setFromMatrixColumn(this.camera.matrixWorld, 0);
    for (const l of this.labelled) {
      const c = l.ball.position.clone().project(this.camera);
      if (c.z > 1) continue; // behind the camera
      const edge = l.ball.position.clone().addScaledVector(right, l.radius).project(this.camera);
      const x = ((c.x + 1) / 2) * pxW;
      const y = ((1 - c.y) / 2) * pxH;
      out.push({ text: l.name, x, y, r: Math.abs(((edge.x + 1) / 2) * pxW - x) });
    }
    return out;
  }

  dispose(dropped?: (o: THREE.Object3D) => void): void {
    this.setGraph([], [], 1, dropped);
    this.setBrain(null);
  }
}
