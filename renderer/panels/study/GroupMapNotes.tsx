import { useState } from 'react';
import { useApp } from '../../context/store';
import { useCommands } from '../../context/commands';
import { actions } from '../../store';
import { setGroupMapDof } from '../../engine/studyOpen';

function DofForm({ layerId, name }: { layerId: string; name: string }) {
  const { ctx } = useCommands();
  const [value, setValue] = useState('');
  const submit = () => {
    try {
      setGroupMapDof(ctx, layerId, Number(value));
    } catch (e) {
      actions.reportError(ctx.store, name, e instanceof Error ? e.message : String(e));
    }
  };
  return (
    <form
      className="dof-form"
      data-testid="dof-form"
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <label>
        Degrees of freedom of this t map
        <input inputMode="numeric" value={value} onChange={(e) => setValue(e.target.value)} placeholder="e.g. 24" data-testid="dof-input" aria-label={`Degrees of freedom of ${name}`} />
      </label>
      <button type="submit">Set</button>
    </form>
  );
}

/** Group-level maps opened as layers: what statistic they hold, and a dof prompt when the file does not say. */
export function GroupMapNotes() {
  const groupMaps = useApp((s) => s.groupMaps);
  const layers = useApp((s) => s.scene.layers);
  const items = Object.values(groupMaps).filter((g) => layers.some((l) => l.id === g.layerId));
  if (items.length === 0) return null;
  return (
    <section className="study-section" data-testid="group-maps">
      <h3>Group maps</h3>
      {items.map((g) => {
        const layer = layers.find((l) => l.id === g.layerId)!;
        const stat = g.info.statType === 't' ? 't' : g.info.statType === 'z' ? 'z' : g.info.statType === 'beta' ? 'effect estimate' : 'unknown statistic';
        return (
          <div key={g.layerId} className="group-map" data-testid="group-map-note">
            <div className="measure-label">{g.name}</div>
            <div className="muted">
              {g.info.label} · {g.info.software !== 'unknown' ? `${g.info.software} · ` : ''}
              {stat}
              {layer.dof !== null ? ` · dof ${layer.dof}` : g.info.statType === 't' ? ' · dof unknown' : ''}
            </div>
            {g.info.needsDof && layer.dof === null && <DofForm layerId={g.layerId} name={g.name} />}
          </div>
        );
      })}
    </section>
  );
}
