import { useApp } from '../store/useApp';
import { CommandPalette } from '../components/CommandPalette';
import { ErrorBanner } from '../panels/ErrorBanner';
import { ProgressBar } from '../panels/ProgressBar';
import { useCommands } from './commandContext';
import { useShortcuts } from './useShortcuts';
import { TopBar } from './TopBar';
import { workspaceDef } from './workspaces';

export function App() {
  const commands = useCommands();
  useShortcuts(commands);
  const workspace = useApp((s) => s.workspace);
  const slots = workspaceDef(workspace).render();
  return (
    <div className="app" data-workspace={workspace}>
      <TopBar />
      <ErrorBanner />
      <ProgressBar />
      <main className={`layout${slots.left ? ' with-left' : ''}`}>
        {slots.left && <aside className="sidebar left">{slots.left}</aside>}
        <section className="center">{slots.center}</section>
        {slots.right && <aside className="sidebar right">{slots.right}</aside>}
      </main>
      <CommandPalette />
    </div>
  );
}
