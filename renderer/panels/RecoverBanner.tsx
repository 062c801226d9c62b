import { useEffect, useState } from 'react';
import type { AppStore } from '../store';
import type { FileRef } from '../../shared/ipc/host';
import { applyRecovery, type MissingFile, type SessionStart } from '../session/recover';

interface Props {
  session: Promise<SessionStart>;
  store: AppStore;
  engine: { start(): Promise<void>; openFiles(refs: FileRef[]): Promise<void> } | null;
}

/** "Recover unsaved work from 14:32?" after an unclean exit; then the files that could not be read. */
export function RecoverBanner({ session, store, engine }: Props) {
  const [state, setState] = useState<{ phase: 'none' } | { phase: 'offer'; start: SessionStart } | { phase: 'working' } | { phase: 'done'; missing: MissingFile[] }>({ phase: 'none' });
  useEffect(() => {
    let live = true;
    void session.then((start) => live && start.recovery && setState({ phase: 'offer', start }));
    return () => {
      live = false;
    };
  }, [session]);

  if (state.phase === 'none') return null;
  if (state.phase === 'done') {
    if (!state.missing.length) return null;
    return (
      <div className="recover-banner" data-testid="recover-missing" role="status">
        <span>
          Recovered. These files could not be read and were left out:{' '}
          {state.missing.map((m) => (
            <span key={m.path} className="recover-file" data-testid="recover-missing-file" title={m.path}>
              {m.name}
            </span>
          ))}
        </span>
        <button data-testid="recover-missing-dismiss" onClick={() => setState({ phase: 'done', missing: [] })}>
          OK
        </button>
      </div>
    );
  }
  if (state.phase === 'working') return <div className="recover-banner" data-testid="recover-working">Recovering…</div>;
  const rec = state.start.recovery!;
  const accept = async () => {
    setState({ phase: 'working' });
    const missing = await applyRecovery(store, engine, rec);
    setState({ phase: 'done', missing });
  };
  return (
    <div className="recover-banner" data-testid="recover-session" role="alertdialog" aria-label="Recover unsaved work">
      <span>
        Recover unsaved work from {rec.time}? ({rec.scene.views.length} saved view{rec.scene.views.length === 1 ? '' : 's'}, {rec.scene.layers.length} layer{rec.scene.layers.length === 1 ? '' : 's'}; the app did not close normally.)
      </span>
      <button data-testid="recover-accept" onClick={() => void accept()}>
        Recover
      </button>
      <button data-testid="recover-discard" onClick={() => setState({ phase: 'none' })}>
        Discard
      </button>
    </div>
  );
}
