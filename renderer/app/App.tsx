import { useApp } from '../context/store';
import { CommandPalette } from '../components/CommandPalette';
import { ErrorBanner } from '../panels/ErrorBanner';
import { Notices } from '../panels/Notices';
import { ProgressBar } from '../panels/ProgressBar';
import { useCommands } from '../context/commands';
import { useShortcuts } from './useShortcuts';
import { TopBar } from './TopBar';
import { workspaceDef } from './workspaces';
import { PresentBar } from '../panels/PresentBar';
import { MissingFiles } from '../panels/MissingFiles';

export function App() {
  const commands = useCommands();
  useShortcuts(commands);
  const workspace = useApp((s) => s.workspace);
  const presenting = useApp((s) => s.presenting);
  const slots = workspaceDef(workspace).render();
  // Presenting keeps the workspace mounted (the panes keep their GL state) and hides the rest.
  return (
    <div className={`app${presenting ? ' presenting' : ''}`} data-workspace={workspace}>
      {!presenting && <TopBar />}
      <ErrorBanner />
      <Notices />
      {!presenting && <MissingFiles />}
      <ProgressBar />
      <main className={`layout${slots.left && !presenting ? ' with-left' : ''}`}>
        {slots.left && !presenting && <aside className="sidebar left">{slots.left}</aside>}
        <section className="center">{slots.center}</section>
        {slots.right && !presenting && <aside className="sidebar right">{slots.right}</aside>}
      </main>
      {presenting && <PresentBar />}
      <CommandPalette />
    </div>
  );
}
