/** The compare colorbars: condition means, and the contrast as cool (negative) | threshold gap | warm (positive). */
import { useEffect, useState } from 'react';
import type { CompareDisplay } from '../../../shared/compare';
import { useCompareClient } from '../../context/compare';
import { compareColorbars } from '../../colour/compareColorbars';
import { RampBar } from '../RampBar';

export function useCompareDisplay(): CompareDisplay | null {
  const compare = useCompareClient();
  const [d, setD] = useState<CompareDisplay | null>(null);
  useEffect(() => compare.subscribe(setD), [compare]);
  return d;
}

export function CompareColorbar({ statName, units, twoSided }: { statName: string; units: string; twoSided: boolean }) {
  const d = useCompareDisplay();
  if (!d) return null;
  return (
    <div className="compare-colorbars">
      {compareColorbars(d, statName, units, twoSided).map((bar) => (
        <RampBar key={bar.id} bar={bar} width={bar.id === 'mean' ? 240 : 360} className="colorbar compare-colorbar" testId={bar.id === 'mean' ? 'mean-colorbar' : 'compare-colorbar'} showTitle />
      ))}
    </div>
  );
}
