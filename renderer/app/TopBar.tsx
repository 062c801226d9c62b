import { actions } from '../store';
import { useApp } from '../context/store';
import { useCommands } from '../context/commands';
import { workspaceDefs } from './workspaces';

export function TopBar() {
  const { run, ctx } = useCommands();
  const workspace = useApp((s) => s.workspace);
  const canUndo = useApp((s) => s.past.length > 0);
  const canRedo = useApp((s) => s.future.length > 0);
  return (
    <header className="topbar">
      <span className="brand">ContrastScope</span>
      <nav className="segmented" aria-label="Workspace" data-testid="workspace-switcher">
        {workspaceDefs().map((w) => (
          <button key={w.id} className={workspace === w.id ? 'on' : ''} aria-pressed={workspace === w.id} onClick={() => actions.setWorkspace(ctx.store, w.id)}>
            {w.title}
          </button>
        ))}
      </nav>
      <div className="topbar-actions">
        <button data-testid="open-map" onClick={() => run('file.openMap')}>
          Open map…
        </button>
        <button onClick={() => run('file.saveScene')}>Save scene</button>
        <button onClick={() => run('file.export')}>Export PNG</button>
        <button disabled={!canUndo} onClick={() => run('edit.undo')} title="Undo (Ctrl+Z)">
          Undo
        </button>
        <button disabled={!canRedo} onClick={() => run('edit.redo')} title="Redo (Ctrl+Shift+Z)">
          Redo
        </button>
        <button data-testid="open-palette" onClick={() => run('app.commandPalette')} title="All commands (Ctrl+Shift+P)">
          Commands
        </button>
      </div>
    </header>
  );
}
