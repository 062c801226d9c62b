/** The compare colorbars as data: the on-screen colorbars and the exported figure draw the same ramps with the same numbers. */
import { fmtColorbar, type ColorbarModel, type RampPart } from './ramp';
import type { CompareDisplay } from '../../shared/compare';

const TWO_SIDED: RampPart[] = [{ name: 'winter', reverse: true }, { name: 'warm', reverse: false }];

export function compareColorbars(d: CompareDisplay, statName: string, units: string, twoSided: boolean): ColorbarModel[] {
  const bars: ColorbarModel[] = [];
  if (d.meanA) {
    bars.push({
      id: 'mean',
      title: `condition means (${units})`,
      emphasis: '',
      parts: d.meanRange.signed ? TWO_SIDED : [{ name: 'viridis', reverse: false }],
      labels: [fmtColorbar(d.meanRange.min), fmtColorbar(d.meanRange.max)],
    });
  }
  const top = Math.max(d.statMax, Number.isFinite(d.cut) ? d.cut * 1.5 : 1);
  // FWE mode names the inference on the bar, so a figure cannot be read as uncorrected.
  if (d.inference) statName = `${statName}, ${d.inference}`;
  const parts = twoSided ? TWO_SIDED : [{ name: 'warm', reverse: false }];
  if (Number.isFinite(d.cut)) {
    const cut = fmtColorbar(d.cut);
    bars.push({ id: 'stat', title: `${statName}: shown where |value| ≥ `, emphasis: cut, parts, labels: twoSided ? [fmtColorbar(-top), `−${cut}`, cut, fmtColorbar(top)] : [cut, fmtColorbar(top)] });
  } else {
    bars.push({ id: 'stat', title: `${statName}: `, emphasis: 'no voxel survives', parts, labels: [twoSided ? fmtColorbar(-top) : '0', fmtColorbar(top)] });
  }
  return bars;
}
