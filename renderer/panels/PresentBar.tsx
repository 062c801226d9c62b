/** While presenting: which saved view is shown, and how to move on or stop. */
import { useApp } from '../context/store';
import { useCommands } from '../context/commands';

export function PresentBar() {
  const { run } = useCommands();
  const views = useApp((s) => s.scene.views);
  const activeId = useApp((s) => s.activeViewId);
  const i = views.findIndex((v) => v.id === activeId);
  return (
    <footer className="present-bar" data-testid="present-bar">
      <span className="present-caption" data-testid="present-caption">
        {i >= 0 ? `${i + 1} / ${views.length} · ${views[i].name}` : views.length ? `${views.length} saved views` : 'No saved views'}
      </span>
      <span className="muted">PageDown / PageUp · Esc ends</span>
      <button className="small" data-testid="present-prev" onClick={() => void run('views.previous')} disabled={i <= 0}>◀</button>
      <button className="small" data-testid="present-next" onClick={() => void run('views.next')} disabled={i < 0 || i >= views.length - 1}>▶</button>
      <button className="small" data-testid="present-end" onClick={() => void run('views.endPresent')}>End</button>
    </footer>
  );
}
