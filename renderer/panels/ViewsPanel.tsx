/**
 * Saved views, in presentation order: save what is shown, click one to show it, step with
 * PageDown / PageUp (what a presentation clicker sends), rename, reorder, delete.
 */
import { useState } from 'react';
import { useApp } from '../context/store';
import { useCommands } from '../context/commands';

function RenameField({ id, name, done }: { id: string; name: string; done: () => void }) {
  const { run } = useCommands();
  const commit = (value: string) => {
    if (value.trim() && value.trim() !== name) void run('views.rename', { id, name: value });
    done();
  };
  return (
    <input
      className="view-rename"
      data-testid="view-rename-input"
      aria-label="View name"
      defaultValue={name}
      autoFocus
      onKeyDown={(e) => {
        if (e.key === 'Enter') commit((e.target as HTMLInputElement).value);
        if (e.key === 'Escape') done();
      }}
      onBlur={(e) => commit(e.target.value)}
    />
  );
}

export function ViewsPanel() {
  const { run } = useCommands();
  const views = useApp((s) => s.scene.views);
  const activeId = useApp((s) => s.activeViewId);
  const [renaming, setRenaming] = useState<string | null>(null);
  return (
    <section className="panel views-panel" aria-label="Saved views" data-testid="views-panel">
      <header className="panel-title">
        <h2>Views {views.length > 0 && <span className="muted">({views.length})</span>}</h2>
        <button className="small" data-testid="view-save" title="Keep what is shown now as a view (Ctrl+Shift+S)" onClick={() => void run('views.save', {})}>
          Save view
        </button>
      </header>
      {views.length === 0 ? (
        <p className="muted" title="Views are kept in the saved scene.">Save views to present them with PageDown / PageUp.</p>
      ) : (
        <>
          <ol className="views-list">
            {views.map((v, i) => (
              <li key={v.id} className={`view-item${v.id === activeId ? ' active' : ''}`} data-testid="view-item" data-view-id={v.id} aria-current={v.id === activeId ? 'true' : undefined}>
                {renaming === v.id ? (
                  <RenameField id={v.id} name={v.name} done={() => setRenaming(null)} />
                ) : (
                  <button className="view-show" data-testid="view-show" title={`Show “${v.name}”`} onClick={() => void run('views.apply', { id: v.id })} onDoubleClick={() => setRenaming(v.id)}>
                    <span className="view-number">{i + 1}.</span> <span className="view-name" data-testid="view-name">{v.name}</span>
                  </button>
                )}
                <span className="layer-buttons">
                  <button className="small" data-testid="view-up" title="Earlier in the presentation" disabled={i === 0} onClick={() => void run('views.move', { id: v.id, delta: -1 })}>▲</button>
                  <button className="small" data-testid="view-down" title="Later in the presentation" disabled={i === views.length - 1} onClick={() => void run('views.move', { id: v.id, delta: 1 })}>▼</button>
                  <button className="small" data-testid="view-rename" title="Rename" onClick={() => setRenaming(v.id)}>✎</button>
                  <button className="small" data-testid="view-delete" title="Delete this view" onClick={() => void run('views.delete', { id: v.id })}>✕</button>
                </span>
              </li>
            ))}
          </ol>
          <div className="views-step">
            <button className="small" data-testid="view-prev" onClick={() => void run('views.previous')}>◀ Previous</button>
            <button className="small" data-testid="view-next" onClick={() => void run('views.next')}>Next ▶</button>
            <button className="small" data-testid="view-present" title="Hide the side panels and step through the views (F5; Esc ends)" onClick={() => void run('views.present')}>Present</button>
            <span className="muted">PageUp / PageDown</span>
          </div>
        </>
      )}
    </section>
  );
}
