import { useApp } from '../context/store';
import { useCommands } from '../context/commands';
import { LayerRow } from './LayerRow';

/** Layers listed top-most first, the way they are stacked in the view. */
export function LayerPanel() {
  const layers = useApp((s) => s.scene.layers);
  const { run } = useCommands();
  const topFirst = [...layers].reverse();
  return (
    <section className="panel" aria-label="Layers">
      <header className="panel-title">
        <h2>Layers</h2>
        <button className="small" onClick={() => run('file.openMap')}>
          Open map…
        </button>
      </header>
      <ul className="layer-list" data-testid="layer-list">
        {topFirst.map((l, i) => {
          const below = topFirst[i + 1];
          return <LayerRow key={l.id} layer={l} isTop={i === 0} isBottomMovable={!!below && below.kind !== 'template'} />;
        })}
      </ul>
    </section>
  );
}
