/** The NIfTI datatype codes (nifti1.h), with the size that decides how many bytes are read (never bitpix). */
export interface DatatypeInfo {
  code: number;
  name: string;
  bytes: number;
  /** Why it cannot be shown as a scalar map; undefined when supported. */
  unsupported?: string;
}

const TABLE: DatatypeInfo[] = [
  { code: 1, name: 'binary', bytes: 0, unsupported: '1-bit binary images are not supported' },
  { code: 2, name: 'uint8', bytes: 1 },
  { code: 4, name: 'int16', bytes: 2 },
  { code: 8, name: 'int32', bytes: 4 },
  { code: 16, name: 'float32', bytes: 4 },
  { code: 32, name: 'complex64', bytes: 8, unsupported: 'complex images cannot be shown as a scalar map; save the magnitude or the real part' },
  { code: 64, name: 'float64', bytes: 8 },
  { code: 128, name: 'rgb24', bytes: 3, unsupported: 'RGB colour images cannot be shown as a scalar map' },
  { code: 256, name: 'int8', bytes: 1 },
  { code: 512, name: 'uint16', bytes: 2 },
  { code: 768, name: 'uint32', bytes: 4 },
  { code: 1024, name: 'int64', bytes: 8 },
  { code: 1280, name: 'uint64', bytes: 8 },
  { code: 1536, name: 'float128', bytes: 16, unsupported: '128-bit floats have no JavaScript equivalent; save as float32 or float64' },
  { code: 1792, name: 'complex128', bytes: 16, unsupported: 'complex images cannot be shown as a scalar map; save the magnitude or the real part' },
  { code: 2048, name: 'complex256', bytes: 32, unsupported: 'complex images cannot be shown as a scalar map; save the magnitude or the real part' },
  { code: 2304, name: 'rgba32', bytes: 4, unsupported: 'RGBA colour images cannot be shown as a scalar map' },
];

const BY_CODE = new Map(TABLE.map((d) => [d.code, d]));
const BY_NAME = new Map(TABLE.map((d) => [d.name, d]));

export function datatypeInfo(code: number): DatatypeInfo | undefined {
  return BY_CODE.get(code);
}

export function datatypeByName(name: string): DatatypeInfo | undefined {
  return BY_NAME.get(name);
}
