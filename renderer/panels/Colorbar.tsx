/** A layer's colorbar, drawn from niivue's own lookup tables so it matches the view exactly. */
import type { Layer } from '../../shared/scene';
import { layerColorbar } from '../colour/ramp';
import { RampBar } from './RampBar';

export function Colorbar({ layer }: { layer: Layer }) {
  return <RampBar bar={layerColorbar(layer)} width={240} gap={4} className="colorbar" testId="colorbar" showTitle={false} />;
}
