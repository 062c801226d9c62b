import { useApp } from '../context/store';
import { useCommands } from '../context/commands';

/** Files a scene names that could not be found, each with a way to point at its new place. */
export function MissingFiles() {
  const missing = useApp((s) => s.missingFiles);
  const { run } = useCommands();
  if (!missing.length) return null;
  return (
    <div className="missing-files" data-testid="missing-files" role="status">
      <strong>Files the scene names that could not be found:</strong>
      {missing.map((l) => {
        const path = l.source.type === 'file' ? l.source.path : l.name;
        return (
          <div key={path} className="missing-file" data-testid="missing-file">
            <span title={path}>{l.name}</span> <span className="muted">{path}</span>
            <button className="small" data-testid="missing-locate" onClick={() => void run('file.locateMissing', { path })}>
              Locate…
            </button>
          </div>
        );
      })}
    </div>
  );
}
