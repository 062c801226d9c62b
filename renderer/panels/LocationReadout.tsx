/** What is under the crosshair, computed from our own parsed data (never read back from niivue). */
import { formatMm, type Layer, type Vec3 } from '../../shared/scene';
import { describeAtMm, labelAtMm } from '../../shared/atlas';
import { useVolumes } from '../context/volumes';
import { sampleAtMm } from '../engine/sample';
import { useApp } from '../context/store';
import { GotoMm } from './GotoMm';

function formatValue(v: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (!Number.isFinite(v)) return v > 0 ? '+Inf' : '-Inf';
  const a = Math.abs(v);
  if (a !== 0 && (a < 0.001 || a >= 1e5)) return v.toExponential(3);
  return Number.isInteger(v) ? String(v) : v.toFixed(3);
}

function LayerValue({ layer, mm }: { layer: Layer; mm: Vec3 }) {
  const volumeCache = useVolumes();
  const cached = volumeCache.get(layer.id);
  if (!cached) return null;
  const s = sampleAtMm(cached.image, layer.frame, mm);
  let text: string;
  if (!s.inside) text = 'outside';
  else if (layer.kind === 'atlas') text = labelAtMm(volumeCache.atlas()!, mm)?.name ?? '—';
  else text = formatValue(s.value);
  return (
    <tr data-testid="readout-layer" data-layer-id={layer.id}>
      <th title={layer.name}>{layer.name}</th>
      <td data-testid="readout-value">{text}</td>
    </tr>
  );
}

/** One line per atlas layer (shown or hidden): its name for the place, looked up on its own grid. */
function AtlasLine({ layer, mm, bundled }: { layer: Layer; mm: Vec3; bundled: boolean }) {
  const volumeCache = useVolumes();
  const atlas = volumeCache.atlasFor(layer.id) ?? (bundled ? volumeCache.atlas() : null);
  const text = atlas ? (describeAtMm(atlas, mm) ?? 'no label') : '—';
  return (
    <tr data-testid="readout-atlas" data-atlas={layer.name} data-layer-id={layer.id}>
      <th title={layer.name}>{layer.name}</th>
      <td className="region" data-testid={bundled ? 'readout-region' : 'readout-atlas-label'}>{text}</td>
    </tr>
  );
}

export function LocationReadout() {
  const mm = useApp((s) => s.scene.view.crosshairMm);
  const layers = useApp((s) => s.scene.layers);
  const templateId = useApp((s) => s.templateId);
  const volumeCache = useVolumes();
  const template = templateId ? volumeCache.get(templateId) : undefined;
  const voxel = template ? sampleAtMm(template.image, 0, mm) : null;
  const atlasId = useApp((s) => s.atlasId);
  const atlas = volumeCache.atlas();
  const region = atlas ? labelAtMm(atlas, mm) : null;
  const atlasLayers = layers.filter((l) => l.kind === 'atlas');
  const bundledShown = atlasLayers.some((l) => l.id === atlasId);
  const shown = layers.filter((l) => l.visible && l.kind !== 'template' && l.kind !== 'atlas');
  return (
    <section className="panel" aria-label="Location">
      <header className="panel-title">
        <h2>Location</h2>
      </header>
      <GotoMm />
      <div className="readout" data-testid="location-readout">
        <table>
          <tbody>
            <tr>
              <th>MNI mm</th>
              <td data-testid="readout-mm">{formatMm(mm)}</td>
            </tr>
            <tr>
              <th>Voxel</th>
              <td data-testid="readout-voxel">{voxel ? (voxel.inside ? voxel.voxel.join(', ') : 'outside the template') : '—'}</td>
            </tr>
            {!bundledShown && (
              <tr>
                <th>Region (AAL)</th>
                <td data-testid="readout-region" className="region">
                  {atlas ? (region?.name ?? 'no label') : '—'}
                </td>
              </tr>
            )}
            {atlasLayers.map((l) => (
              <AtlasLine key={l.id} layer={l} mm={mm} bundled={l.id === atlasId} />
            ))}
            {shown.map((l) => (
              <LayerValue key={l.id} layer={l} mm={mm} />
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
