/**
 * Connectome panels: the Connectivity workspace's 3D scene in a figure. The edges are the
 * workspace's own (shared/connectivity conditionEdges + edgePasses on the same matrices), drawn
 * by the app's three.js scene (renderer/views/three/connectomeCapture.ts) at the page's pixel
 * size from the stored camera; the node names and the key are text of the figure.
 */
import type { Mesh } from '../mesh';
import type { ConnectomeCamera, ConnectomePanel, EdgeThresholdDoc } from './schema';
import type { MatrixNode } from '../connectivity/conditionEdges';
import { wrapText } from './draw';

/** Where the connectome scene looks at (MNI mm): roughly the brain's centre, as connectomeView.ts. */
export const CONNECTOME_CENTRE: [number, number, number] = [0, -18, 12];
/** The scene's vertical field of view (degrees) and its near/far planes (mm). */
export const CONNECTOME_FOV = 32;
export const CONNECTOME_DISTANCE = 420;

/**
 * The scene's named views (the same buttons as the Connectivity workspace): the eye's direction
 * from the centre and which way is up. From above the nose points up and the left hemisphere is
 * on the left (neurological).
 */
export const CONNECTOME_VIEWS: { id: 'top' | 'left' | 'right' | 'front'; label: string; dir: [number, number, number]; up: [number, number, number] }[] = [
  { id: 'top', label: 'top (superior)', dir: [0, 0, 1], up: [0, 1, 0] },
  { id: 'left', label: 'left lateral', dir: [-1, 0, 0], up: [0, 0, 1] },
  { id: 'right', label: 'right lateral', dir: [1, 0, 0], up: [0, 0, 1] },
  { id: 'front', label: 'front (anterior)', dir: [0, 1, 0], up: [0, 0, 1] },
];

export function connectomeViewCamera(id: string, distance = CONNECTOME_DISTANCE): ConnectomeCamera | null {
  const v = CONNECTOME_VIEWS.find((x) => x.id === id);
  return v ? { eye: v.dir.map((d) => d * distance) as [number, number, number], up: [...v.up] } : null;
}

const norm = (v: readonly number[]): number => Math.hypot(v[0], v[1], v[2]);

/** The named view a camera shows (eye within 1° of the view's direction, up within 1°), or null. */
export function connectomeViewOf(c: ConnectomeCamera): (typeof CONNECTOME_VIEWS)[number] | null {
  const cos1 = Math.cos((1 * Math.PI) / 180);
  const dot = (a: readonly number[], b: readonly number[]) => (a[0] * b[0] + a[1] * b[1] + a[2] * b[2]) / (norm(a) * norm(b) || 1);
  return CONNECTOME_VIEWS.find((v) => dot(c.eye, v.dir) >= cos1 && dot(c.up, v.up) >= cos1) ?? null;
}

const mm = (n: number): string => String(Math.round(n)).replace('-', '−');

/** The camera in words for the legend: the named view, the eye in mm from the centre, and up. */
export function connectomeCameraText(c: ConnectomeCamera): string {
  const v = connectomeViewOf(c);
  const up = c.up.map((x) => Number((x / (norm(c.up) || 1)).toFixed(2))).map((x) => String(x).replace('-', '−'));
  return `${v ? `${v.label} view, ` : ''}perspective (${CONNECTOME_FOV}° field of view) from (${c.eye.map(mm).join(', ')}) mm relative to (${CONNECTOME_CENTRE.map(mm).join(', ')}) mm MNI, ${mm(norm(c.eye))} mm away, up (${up.join(', ')})`;
}

export function edgeThresholdText(t: EdgeThresholdDoc): string {
  return t.mode === 'fdr-q' ? `FDR q < ${t.value}` : `p < ${t.value} (uncorrected)`;
}

export interface PreparedConnectome {
  label: string;
  a: string;
  b: string;
  /** every node (MNI centroid, NaN where the node table gives none) */
  nodes: MatrixNode[];
  /** the edges that pass the threshold, strongest |t| first */
  edges: { i: number; j: number; t: number }[];
  /** edges tested (the upper triangle): the FDR's family */
  tested: number;
  /** |t| drawn thickest: the largest |t| over the tested edges (as the workspace's scene) */
  limit: number;
  pairs: number;
  fisher: boolean;
  /** the glass brain (the atlas's outer surface, 3 mm), or null without an atlas */
  shell: Mesh | null;
}

export interface ConnectomeCaptureRequest {
  kind: 'connectome';
  pxW: number;
  pxH: number;
  /** page background, 0..255: the scene's colours for paper (light) or screen (dark) follow it */
  background: [number, number, number];
  nodes: MatrixNode[];
  edges: { i: number; j: number; t: number }[];
  limit: number;
  shell: Mesh | null;
  camera: ConnectomeCamera;
}

export function connectomeRequest(p: ConnectomePanel, c: PreparedConnectome, pxW: number, pxH: number, background: [number, number, number]): ConnectomeCaptureRequest {
  return { kind: 'connectome', pxW, pxH, background, nodes: c.nodes, edges: c.edges, limit: c.limit, shell: c.shell, camera: { eye: [...p.camera.eye], up: [...p.camera.up] } };
}

/** The one-line key under the picture (wrapped where the panel is narrow). */
export function connectomeKey(p: Pick<ConnectomePanel, 'conditionA' | 'conditionB' | 'threshold'>, edges: number, limit: number): string {
  return `warm: higher under ${p.conditionA}, cool: higher under ${p.conditionB}; thicker = larger |t| (max ${limit.toFixed(1)}); ${edges} edge${edges === 1 ? '' : 's'} at ${edgeThresholdText(p.threshold)}`;
}

export const connectomeKeyPt = (fontPt: number): number => Math.max(5, fontPt * 0.85);

/** The key's lines: laid out from the panel alone (the widest numbers it can hold), so the layout needs no data. */
export function connectomeKeyLines(p: ConnectomePanel, widthPt: number, fontPt: number, edges = 99999, limit = 99.9): string[] {
  return wrapText(connectomeKey(p, edges, limit), connectomeKeyPt(fontPt), widthPt);
}

/** The picture's height and the key's under it (points) in a box `widthPt` wide. */
export function connectomeLayout(p: ConnectomePanel, widthPt: number, fontPt: number): { imageH: number; keyH: number; height: number } {
  const imageH = widthPt * p.aspect;
  const keyH = connectomeKeyLines(p, widthPt, fontPt).length * connectomeKeyPt(fontPt) * 1.25 + fontPt * 0.4;
  return { imageH, keyH, height: imageH + keyH };
}
