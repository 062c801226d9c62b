/**
 * The 3D panels' pictures: what a capture is asked for (plain data: volumes, meshes, colours,
 * camera, pixel size) and what comes back. The pixels come from the app's own 3D views (the
 * cortical surface scene, niivue's volume render, the connectome scene), in the app's page or,
 * for `contrastscope render`, in headless Chromium: shared/figure never draws 3D itself.
 * Requests cross to headless Chromium as JSON with their typed arrays sent once each as base64
 * (toWire / fromWire).
 */
import type { OverlayColours } from './colormaps';
import type { SurfaceCaptureRequest } from './surface';
import type { ConnectomeCaptureRequest } from './connectome';
import type { Volume } from './volume';

/** niivue's volume render of the template with overlays, from one camera. */
export interface RenderCaptureRequest {
  kind: 'render';
  pxW: number;
  pxH: number;
  /** page background behind the brain, 0..255 */
  background: [number, number, number];
  /**
   * The bundled template by file name (the page that captures serves it too): niivue reads it as
   * it is, and 1 mm of voxels need not cross to headless Chromium for every panel.
   */
  templateFile: string;
  /** the template's grey window */
  templateRange: { min: number; max: number };
  /** drawn over the template, bottom first */
  overlays: { volume: Volume; colours: OverlayColours; opacity: number }[];
  /** niivue's render camera: degrees, and its volScaleMultiplier */
  camera: { azimuth: number; elevation: number; zoom: number };
  /** niivue's clip plane [depth, azimuth, elevation], or null for the whole brain */
  clipPlane: [number, number, number] | null;
}

export type Capture3dRequest = SurfaceCaptureRequest | RenderCaptureRequest | ConnectomeCaptureRequest;

/** A point of the picture a figure labels as text (px from the picture's top left). */
export interface CaptureLabel {
  text: string;
  x: number;
  y: number;
  /** the labelled thing's radius on the picture (px), so the text sits clear of it */
  r?: number;
}

export interface Capture3d {
  rgba: Uint8Array;
  pxW: number;
  pxH: number;
  /** labels to draw as text over the picture (the connectome's node names) */
  labels?: CaptureLabel[];
  /** what it was made from (capturePanels skips a capture whose request did not change) */
  key?: string;
}

type Typed = Float32Array | Float64Array | Uint8Array | Uint16Array | Uint32Array | Int16Array | Int32Array;
const TYPED = { Float32Array, Float64Array, Uint8Array, Uint16Array, Uint32Array, Int16Array, Int32Array } as const;
type TypedName = keyof typeof TYPED;

export interface Wire {
  /** the request with every typed array replaced by { $typed, i } */
  json: unknown;
  /** base64 of each distinct typed array's bytes */
  buffers: string[];
}

function typedName(v: unknown): TypedName | null {
  for (const name of Object.keys(TYPED) as TypedName[]) if (v instanceof TYPED[name]) return name;
  return null;
}

/** The request as JSON plus buffers; an array used twice (the same map in two rows) crosses once. */
export function toWire(value: unknown, base64: (bytes: Uint8Array) => string): Wire {
  const seen = new Map<Typed, number>();
  const buffers: string[] = [];
  const walk = (v: unknown): unknown => {
    const name = typedName(v);
    if (name) {
      const t = v as Typed;
      let i = seen.get(t);
      if (i === undefined) {
        i = buffers.push(base64(new Uint8Array(t.buffer, t.byteOffset, t.byteLength))) - 1;
        seen.set(t, i);
      }
      return { $typed: name, i };
    }
    if (Array.isArray(v)) return v.map(walk);
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)]));
    return v;
  };
  return { json: walk(value), buffers };
}

/** The request again, each typed array made once (aligned copies of the bytes). */
export function fromWire<T>(wire: Wire, fromBase64: (s: string) => Uint8Array): T {
  const made = new Map<number, Typed>();
  const walk = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(walk);
    if (v && typeof v === 'object') {
      const o = v as { $typed?: TypedName; i?: number };
      if (o.$typed && typeof o.i === 'number' && TYPED[o.$typed]) {
        let t = made.get(o.i);
        if (!t) {
          const bytes = fromBase64(wire.buffers[o.i]);
          const Ctor = TYPED[o.$typed];
          // A fresh buffer: the decoded bytes may not sit at a multiple of the element size.
          const copy = new Uint8Array(bytes.byteLength);
          copy.set(bytes);
          t = new Ctor(copy.buffer, 0, bytes.byteLength / Ctor.BYTES_PER_ELEMENT);
          made.set(o.i, t);
        }
        return t;
      }
      return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)]));
    }
    return v;
  };
  return walk(wire.json) as T;
}
