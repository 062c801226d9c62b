/** "Add to figure" in Compare and the Viewer: the current state becomes a new panel of the active figure. */
import { useState } from 'react';
import { useApp } from '../../context/store';
import { useCommands } from '../../context/commands';
import { ADD_KINDS, type AddKind } from '../../commands/figurePanels';
import { compareSettings } from '../../store/selectors';

export function AddToFigure({ where }: { where: 'compare' | 'viewer' | 'connectivity' }) {
  const { run } = useCommands();
  const rois = useApp((s) => compareSettings(s).rois);
  const [choice, setChoice] = useState<string>(where === 'connectivity' ? 'matrix-t' : 'mosaic');
  const options = ADD_KINDS.filter((k) => k.where.includes(where)).flatMap((k) =>
    k.id === 'roi' ? rois.map((r) => ({ value: `roi:${r.id}`, label: `ROI plot: ${r.name}` })) : [{ value: k.id, label: k.label }],
  );
  const add = () => {
    const [kind, roiId] = choice.split(':') as [AddKind, string | undefined];
    void run('figure.addPanel', { kind, roiId });
  };
  return (
    <span className="add-to-figure">
      <select aria-label="Panel to add" data-testid="add-to-figure-kind" value={choice} onChange={(e) => setChoice(e.target.value)}>
        {options.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
      </select>
      <button className="small" data-testid="add-to-figure" title="Add what is shown as a panel of the figure (Figure workspace)" onClick={add}>Add to figure</button>
    </span>
  );
}
