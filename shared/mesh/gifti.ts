/**
 * GIfTI writer (XML, base64 little-endian arrays, uncompressed) for a surface mesh and its
 * per-vertex values: the files nibabel, Connectome Workbench, FreeSurfer and nilearn read.
 */
export interface GiftiArray {
  intent: 'NIFTI_INTENT_POINTSET' | 'NIFTI_INTENT_TRIANGLE' | 'NIFTI_INTENT_NONE';
  data: Float32Array | Int32Array;
  /** values per row (3 for points and triangles, 1 for a map) */
  columns: number;
  /** NIfTI-style metadata on the array, e.g. AnatomicalStructurePrimary on the points */
  meta?: Record<string, string>;
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** base64 of raw bytes (no Buffer/btoa: this runs in Node and workers alike). */
export function base64(bytes: Uint8Array): string {
  const parts: string[] = [];
  let chunk = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const a = bytes[i], b = bytes[i + 1] ?? 0, c = bytes[i + 2] ?? 0;
    const n = (a << 16) | (b << 8) | c;
    chunk += B64[(n >> 18) & 63] + B64[(n >> 12) & 63] + (i + 1 < bytes.length ? B64[(n >> 6) & 63] : '=') + (i + 2 < bytes.length ? B64[n & 63] : '=');
    if (chunk.length > 65536) {
      parts.push(chunk);
      chunk = '';
    }
  }
  parts.push(chunk);
  return parts.join('');
}


function metaXml(meta: Record<string, string> | undefined, indent: string): string {
  const entries = Object.entries(meta ?? {});
  if (!entries.length) return `${indent}<MetaData/>\n`;
  return `${indent}<MetaData>\n${entries.map(([k, v]) => `${indent}  <MD><Name><![CDATA[${k}]]></Name><Value><![CDATA[${v}]]></Value></MD>\n`).join('')}${indent}</MetaData>\n`;
}

/** The whole .gii document. Point sets are marked as MNI (Talairach-style) millimetres. */
export function encodeGifti(arrays: GiftiArray[], meta?: Record<string, string>): string {
  let xml = '<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE GIFTI SYSTEM "http://www.nitrc.org/frs/download.php/115/gifti.dtd">\n';
  xml += `<GIFTI Version="1.0" NumberOfDataArrays="${arrays.length}">\n`;
  xml += metaXml(meta, '  ');
  xml += '  <LabelTable/>\n';
  for (const a of arrays) {
    const rows = a.data.length / a.columns;
    const type = a.data instanceof Int32Array ? 'NIFTI_TYPE_INT32' : 'NIFTI_TYPE_FLOAT32';
    const dims = a.columns === 1 ? `Dimensionality="1" Dim0="${rows}"` : `Dimensionality="2" Dim0="${rows}" Dim1="${a.columns}"`;
    // Typed arrays are little-endian on every platform the app runs on.
    const bytes = new Uint8Array(a.data.buffer, a.data.byteOffset, a.data.byteLength);
    xml += `  <DataArray Intent="${a.intent}" DataType="${type}" ArrayIndexingOrder="RowMajorOrder" ${dims} Encoding="Base64Binary" Endian="LittleEndian" ExternalFileName="" ExternalFileOffset="">\n`;
    xml += metaXml(a.meta, '    ');
    if (a.intent === 'NIFTI_INTENT_POINTSET') {
      xml += '    <CoordinateSystemTransformMatrix>\n      <DataSpace><![CDATA[NIFTI_XFORM_MNI_152]]></DataSpace>\n      <TransformedSpace><![CDATA[NIFTI_XFORM_MNI_152]]></TransformedSpace>\n';
      xml += '      <MatrixData>1 0 0 0 0 1 0 0 0 0 1 0 0 0 0 1</MatrixData>\n    </CoordinateSystemTransformMatrix>\n';
    }
    xml += `    <Data>${base64(bytes)}</Data>\n  </DataArray>\n`;
  }
  xml += '</GIFTI>\n';
  return xml;
}
