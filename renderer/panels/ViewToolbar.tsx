import type { SliceType } from '../../shared/scene';
import { selectAtlasVisible } from '../store';
import { useApp } from '../context/store';
import { useCommands } from '../context/commands';
import { AddToFigure } from './figure/AddToFigure';

const MODES: { id: SliceType; label: string }[] = [
  { id: 'axial', label: 'Axial' },
  { id: 'coronal', label: 'Coronal' },
  { id: 'sagittal', label: 'Sagittal' },
  { id: 'multiplanar', label: 'Multiplanar' },
  { id: 'render3d', label: '3D' },
];

export function ViewToolbar() {
  const { run } = useCommands();
  const sliceType = useApp((s) => s.scene.view.sliceType);
  const radiological = useApp((s) => s.scene.view.radiological);
  const atlasOn = useApp(selectAtlasVisible);
  return (
    <div className="toolbar" role="toolbar" aria-label="View">
      <div className="segmented" data-testid="view-modes">
        {MODES.map((m) => (
          <button key={m.id} className={sliceType === m.id ? 'on' : ''} aria-pressed={sliceType === m.id} data-testid={`view-${m.id}`} onClick={() => run(`view.${m.id}`)}>
            {m.label}
          </button>
        ))}
      </div>
      <button data-testid="toggle-radiological" aria-pressed={radiological} onClick={() => run('view.toggleRadiological')} title="Neurological: left is on the left. Radiological: left is on the right.">
        {radiological ? 'Radiological (L on right)' : 'Neurological (L on left)'}
      </button>
      <button data-testid="toggle-atlas" aria-pressed={atlasOn} className={atlasOn ? 'on' : ''} onClick={() => run('view.toggleAtlas')}>
        Atlas outlines
      </button>
      <AddToFigure where="viewer" />
    </div>
  );
}
