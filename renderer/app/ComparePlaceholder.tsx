import { useApp } from '../context/store';
import { useCommands } from '../context/commands';
import { LocationReadout } from '../panels/LocationReadout';
import { LayerPanel } from '../panels/LayerPanel';
import type { WorkspaceSlots } from './workspaces';

function Empty() {
  const { run } = useCommands();
  const root = useApp((s) => s.studyRoot);
  return (
    <div className="empty-state">
      <h2>Compare conditions</h2>
      <p>{root ? `Study folder: ${root}` : 'Open a study folder to see condition A, condition B and their contrast side by side.'}</p>
      <button onClick={() => run('file.openStudyFolder')}>Open study folder…</button>
    </div>
  );
}

export function ComparePlaceholder(): WorkspaceSlots {
  return {
    left: <section className="panel"><header className="panel-title"><h2>Contrast</h2></header><p className="muted">Available once a study is open.</p></section>,
    center: <Empty />,
    right: (
      <>
        <LocationReadout />
        <LayerPanel />
      </>
    ),
  };
}
