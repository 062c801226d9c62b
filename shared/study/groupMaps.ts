import { inflatePrefix, isGzip } from '../nifti/gzip';
import { NIFTI_INTENT } from '../nifti/intent';
import type { NiftiHeader } from '../nifti/types';
import { baseName } from './naming';
import type { GroupStatType, Measure, Study } from './types';

export type GroupMapSoftware = 'SPM' | 'FSL' | 'AFNI' | 'NIfTI intent' | 'unknown';

export interface GroupMapFrame {
  frame: number;
  label: string;
  statType: GroupStatType | null;
  dof?: number;
}

/** What a single group-level map holds. `needsDof` asks the user for dof (a t map without it). */
export interface GroupMapInfo {
  software: GroupMapSoftware;
  /** null when neither the name nor the header tells; the user then chooses. */
  statType: GroupStatType | null;
  dof?: number;
  needsDof: boolean;
  /** The frame to show: the first t or z frame of a multi-frame file. */
  frame: number;
  /** e.g. 'SPM T map, contrast 1: AA-GG', 'AFNI sub-brick vis#0_Tstat'. */
  label: string;
  /** Every frame with what is known about it (AFNI sub-bricks); one entry for single maps. */
  frames: GroupMapFrame[];
}

/** AFNI (and NIfTI) statistic codes: 3 = t, 5 = z. */
function statOfCode(code: number): GroupStatType | null {
  if (code === NIFTI_INTENT.TTEST) return 't';
  if (code === NIFTI_INTENT.ZSCORE) return 'z';
  if (code === NIFTI_INTENT.ESTIMATE) return 'beta';
  return null;
}

function afniAttribute(xml: string, name: string): string | null {
  const m = new RegExp(`atr_name="${name}"\\s*>([\\s\\S]*?)</AFNI_atr>`).exec(xml);
  return m ? m[1].trim() : null;
}

/** AFNI's header extension: sub-brick labels (BRICK_LABS) and statistics (BRICK_STATAUX: brick, code, nParams, params...). */
export function afniFrames(xml: string, nFrames: number): GroupMapFrame[] | null {
  const labs = afniAttribute(xml, 'BRICK_LABS');
  if (labs === null) return null;
  const labels = labs.replace(/^"|"$/g, '').split('~');
  const frames: GroupMapFrame[] = Array.from({ length: Math.max(nFrames, labels.length) }, (_, i) => ({
    frame: i,
    label: labels[i] ?? `#${i}`,
    statType: /_(coef|beta)$/i.test(labels[i] ?? '') ? 'beta' : null,
  }));
  const aux = afniAttribute(xml, 'BRICK_STATAUX');
  if (aux) {
    const nums = aux.split(/\s+/).map(Number);
    for (let i = 0; i + 2 < nums.length; ) {
      const [brick, code, nPar] = [nums[i], nums[i + 1], nums[i + 2]];
      const params = nums.slice(i + 3, i + 3 + nPar);
      const f = frames[brick];
      if (f) {
        const st = statOfCode(code);
        if (st) f.statType = st;
        if (st === 't' && params.length > 0 && params[0] > 0) f.dof = params[0];
      }
      i += 3 + Math.max(0, nPar);
    }
  }
  return frames;
}

/**
 * The text of a NIfTI-1 file's header extensions (AFNI writes its attributes there as XML).
 * Takes the file's bytes (.nii or .nii.gz); inflates only the header. Null when there are none.
 */
export function niftiExtensionText(fileBytes: Uint8Array, header: NiftiHeader, fileName: string): string | null {
  if (header.version !== 1 || header.voxOffset <= 352) return null;
  const end = Math.floor(header.voxOffset);
  const bytes = isGzip(fileBytes) ? inflatePrefix(fileBytes, end, fileName).data : fileBytes.subarray(0, end);
  if (bytes.length < 352 || bytes[348] === 0) return null;
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.length);
  const texts: string[] = [];
  for (let off = 352; off + 8 <= bytes.length; ) {
    const size = dv.getInt32(off, header.littleEndian);
    if (size < 8 || off + size > bytes.length) break;
    texts.push(new TextDecoder('utf-8', { fatal: false }).decode(bytes.subarray(off + 8, off + size)).replace(/\0+$/, ''));
    off += size;
  }
  return texts.length ? texts.join('\n') : null;
}

function fromName(lower: string): { software: GroupMapSoftware; statType: GroupStatType | null; what: string } {
  if (/^spmt_\d+/.test(lower)) return { software: 'SPM', statType: 't', what: 'SPM T map' };
  if (/^spmz_\d+/.test(lower)) return { software: 'SPM', statType: 'z', what: 'SPM Z map' };
  if (/^con_\d+/.test(lower)) return { software: 'SPM', statType: 'beta', what: 'SPM contrast estimate' };
  if (/^beta_\d+/.test(lower)) return { software: 'SPM', statType: 'beta', what: 'SPM parameter estimate' };
  if (/^tstat\d*/.test(lower)) return { software: 'FSL', statType: 't', what: 'FSL t map' };
  if (/^zstat\d*/.test(lower) || /^zfstat\d*/.test(lower)) return { software: 'FSL', statType: 'z', what: 'FSL z map' };
  if (/^(var)?cope\d*/.test(lower)) return { software: 'FSL', statType: lower.startsWith('cope') ? 'beta' : null, what: 'FSL contrast estimate' };
  if (/(^|[_.-])(t|tstat|tmap|spmt)([_.-]|$)/.test(lower)) return { software: 'unknown', statType: 't', what: 't map' };
  if (/(^|[_.-])(z|zstat|zmap|zscore)([_.-]|$)/.test(lower)) return { software: 'unknown', statType: 'z', what: 'z map' };
  if (/(^|[_.-])(beta|cope|con|coef|effect)([_.-]|$)/.test(lower)) return { software: 'unknown', statType: 'beta', what: 'effect map' };
  return { software: 'unknown', statType: null, what: 'map' };
}

/**
 * What statistic a group-level map holds and its dof: from the header intent (code 3 = t with
 * intent_p1 = dof, 5 = z), SPM's description ('SPM{T_[1066.0]} - contrast 1: AA-GG'), AFNI's
 * sub-brick attributes (pass `extensionText`, see niftiExtensionText), and SPM/FSL file names.
 */
export function classifyGroupMap(fileName: string, header: NiftiHeader, extensionText?: string | null): GroupMapInfo {
  const name = baseName(fileName);
  const lower = name.toLowerCase();
  const nFrames = header.dims.slice(3).reduce((a, b) => a * Math.max(1, b), 1);
  const byName = fromName(lower);

  const afni = extensionText && extensionText.includes('AFNI_attributes') ? afniFrames(extensionText, nFrames) : null;
  if (afni && afni.length > 0) {
    const pick = afni.find((f) => f.statType === 't' || f.statType === 'z') ?? afni[0];
    return {
      software: 'AFNI',
      statType: pick.statType,
      dof: pick.dof,
      needsDof: pick.statType === 't' && pick.dof === undefined,
      frame: pick.frame,
      label: `AFNI sub-brick ${pick.label}`,
      frames: afni,
    };
  }

  const descrip = header.descrip ?? '';
  const spm = /SPM\{([TZF])(?:_\[([0-9.eE+-]+)(?:,\s*([0-9.eE+-]+))?\])?\}\s*(?:-\s*(.*))?/.exec(descrip);
  if (spm) {
    const letter = spm[1];
    const statType: GroupStatType | null = letter === 'T' ? 't' : letter === 'Z' ? 'z' : null;
    const dof = letter === 'T' && spm[2] ? Number(spm[2]) : undefined;
    const label = `SPM ${letter} map${spm[4] ? `, ${spm[4].trim()}` : ''}`;
    return { software: 'SPM', statType, dof, needsDof: statType === 't' && !(dof! > 0), frame: 0, label, frames: [{ frame: 0, label, statType, dof }] };
  }

  const intentStat = statOfCode(header.intentCode);
  if (intentStat) {
    const dof = intentStat === 't' && header.intentP1 > 0 ? header.intentP1 : undefined;
    const software = byName.software === 'unknown' ? 'NIfTI intent' : byName.software;
    const label = `${byName.software === 'unknown' ? `${intentStat} map` : byName.what} (header intent${dof ? `, dof ${dof}` : ''})`;
    return { software, statType: intentStat, dof, needsDof: intentStat === 't' && dof === undefined, frame: 0, label, frames: [{ frame: 0, label, statType: intentStat, dof }] };
  }

  const label = byName.what === 'map' ? name : byName.what;
  return {
    software: byName.software,
    statType: byName.statType,
    needsDof: byName.statType === 't',
    frame: 0,
    label,
    frames: [{ frame: 0, label, statType: byName.statType }],
  };
}

/** A single group-level map as a one-file measure, so the contrast, cluster and ROI tools treat it like any other. */
export function groupMapMeasure(path: string, info: GroupMapInfo, dof?: number): Measure {
  const statType = info.statType ?? 't';
  const useDof = dof ?? info.dof;
  const file = { subject: 'group', condition: 'group', path, statType, frame: info.frame, ...(useDof !== undefined ? { dof: useDof } : {}) };
  return { id: `group-${baseName(path)}-${info.frame}`, label: info.label, kind: 'group-stat', units: statType === 'beta' ? 'a.u.' : statType, files: [file] };
}

/** A study holding one group-level map (no subjects to compare; the map's own statistic is shown). */
export function groupMapStudy(path: string, info: GroupMapInfo, dof?: number): Study {
  return {
    id: `map:${path}`,
    name: baseName(path),
    root: path.slice(0, Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'), 0)),
    subjects: ['group'],
    conditions: ['group'],
    measures: [groupMapMeasure(path, info, dof)],
    design: 'paired',
  };
}
