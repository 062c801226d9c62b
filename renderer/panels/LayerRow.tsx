import type { Layer, LayerPatch } from '../../shared/scene';
import { actions } from '../store';
import { useApp } from '../context/store';
import { useCommands, useGesture } from '../context/commands';
import { Colorbar } from './Colorbar';
import { NumberField } from './NumberField';
import { NEGATIVE_MAPS, POSITIVE_MAPS } from './colormaps';

const KIND_LABEL: Record<Layer['kind'], string> = { template: 'template', atlas: 'atlas', stat: 'statistic', map: 'map', roi: 'ROI' };

export function LayerRow({ layer, isTop, isBottomMovable }: { layer: Layer; isTop: boolean; isBottomMovable: boolean }) {
  const { run, ctx } = useCommands();
  // A drag of the opacity slider is one undo step (layer.setDisplay is a 'gesture' command).
  const gesture = useGesture();
  const selected = useApp((s) => s.selectedLayerId === layer.id);
  const atlasOutline = useApp((s) => s.scene.view.atlasOutline);
  const set = (patch: LayerPatch) => void run('layer.setDisplay', { id: layer.id, patch });
  const overlay = layer.kind === 'stat' || layer.kind === 'map' || layer.kind === 'roi';
  const stat = layer.kind === 'stat';
  const valueName = stat ? 't' : 'value';
  return (
    <li
      className={`layer-row${selected ? ' selected' : ''}${layer.visible ? '' : ' hidden-layer'}`}
      data-testid="layer-row"
      data-layer-id={layer.id}
      data-kind={layer.kind}
      onClick={() => actions.select(ctx.store, layer.id)}
    >
      <div className="layer-head">
        <input type="checkbox" aria-label={`Show ${layer.name}`} title="Show / hide" checked={layer.visible} onChange={(e) => set({ visible: e.target.checked })} onClick={(e) => e.stopPropagation()} />
        <span className="layer-name" title={layer.name} data-testid="layer-name">
          {layer.name}
        </span>
        <span className="layer-kind">{KIND_LABEL[layer.kind]}</span>
        {layer.kind !== 'template' && (
          <span className="layer-buttons">
            <button title="Move up (drawn over the layers below)" aria-label="Move up" disabled={isTop} onClick={() => run('layer.moveUp', { id: layer.id })}>
              ▲
            </button>
            <button title="Move down" aria-label="Move down" disabled={!isBottomMovable} onClick={() => run('layer.moveDown', { id: layer.id })}>
              ▼
            </button>
            <button title="Remove layer" aria-label="Remove" data-testid="layer-remove" onClick={() => run('layer.remove', { id: layer.id })}>
              ✕
            </button>
          </span>
        )}
      </div>
      <label className="field">
        <span>Opacity</span>
        <input type="range" min={0} max={1} step={0.05} value={layer.opacity} {...gesture} onChange={(e) => set({ opacity: Number(e.target.value) })} aria-label="Opacity" />
        <span className="field-value">{Math.round(layer.opacity * 100)}%</span>
      </label>
      {layer.kind === 'atlas' && (
        <label className="field">
          <input type="checkbox" checked={atlasOutline} onChange={() => run('view.toggleAtlasOutline')} />
          <span>Draw as outlines</span>
        </label>
      )}
      {overlay && (
        <>
          <div className="field">
            <span>{stat ? 'Positive' : 'Colours'}</span>
            <select aria-label="Positive colormap" value={layer.colormap} onChange={(e) => set({ colormap: e.target.value })}>
              {POSITIVE_MAPS.map((m) => (
                <option key={m.id} value={m.id}>
                  {m.label}
                </option>
              ))}
            </select>
            <span>{valueName} &gt;</span>
            <NumberField label={`Show ${valueName} above`} testId="threshold-pos" value={layer.thresholds.pos} allowEmpty onCommit={(v) => set({ thresholds: { ...layer.thresholds, pos: v === null ? null : Math.abs(v) } })} />
          </div>
          <div className="field">
            <span>Negative</span>
            <select aria-label="Negative colormap" value={layer.colormapNeg ?? ''} onChange={(e) => set({ colormapNeg: e.target.value || null, thresholds: { ...layer.thresholds, neg: e.target.value ? (layer.thresholds.neg ?? -(layer.thresholds.pos ?? 3.1)) : null } })}>
              <option value="">hidden</option>
              {NEGATIVE_MAPS.map((m) => (
                <option key={m.id} value={m.id}>
                  {m.label}
                </option>
              ))}
            </select>
            {layer.colormapNeg && (
              <>
                <span>{valueName} &lt;</span>
                <NumberField label={`Show ${valueName} below`} testId="threshold-neg" value={layer.thresholds.neg} allowEmpty onCommit={(v) => set({ thresholds: { ...layer.thresholds, neg: v === null ? null : -Math.abs(v) } })} />
              </>
            )}
          </div>
          <div className="field">
            <span>Saturate at</span>
            <NumberField label="Colour saturation (largest magnitude)" value={round2(layer.range.max)} onCommit={(v) => v !== null && v > 0 && set({ range: { min: -Math.abs(v), max: Math.abs(v) } })} />
            {stat && <span className="field-value">{layer.dof !== null ? `dof ${layer.dof}` : 'dof ?'}</span>}
          </div>
          <Colorbar layer={layer} />
          {stat && (
            <div className="field analyse-field">
              {layer.dof === null && (
                <>
                  <span>dof</span>
                  <NumberField label="Degrees of freedom (the file does not say)" testId="layer-dof" value={null} allowEmpty onCommit={(v) => v !== null && v > 0 && set({ dof: v })} />
                </>
              )}
              <button
                className="small"
                data-testid="analyse-in-compare"
                disabled={layer.dof === null}
                title={layer.dof === null ? 'Give the degrees of freedom first' : 'Threshold by p or FDR, list clusters and read ROI values in the Compare workspace'}
                onClick={(e) => {
                  e.stopPropagation();
                  void run('compare.analyseGroupMap', { layerId: layer.id, dof: layer.dof });
                }}
              >
                Analyse in Compare
              </button>
            </div>
          )}
        </>
      )}
      {layer.nFrames > 1 && (
        <label className="field">
          <span>Frame</span>
          <input type="range" min={0} max={layer.nFrames - 1} step={1} value={layer.frame} aria-label="Frame" data-testid="frame-selector" onChange={(e) => set({ frame: Number(e.target.value) })} />
          <span className="field-value">
            {layer.frame + 1} / {layer.nFrames}
          </span>
        </label>
      )}
      {layer.notes.map((n) => (
        <div key={n} className="layer-note" data-testid="layer-note">
          {n}
        </div>
      ))}
      {layer.warnings.map((w) => (
        <div key={w} className="layer-warning" data-testid="layer-warning">
          ⚠ {w}
        </div>
      ))}
    </li>
  );
}

function round2(v: number): number {
  return Math.round(v * 100) / 100;
}
