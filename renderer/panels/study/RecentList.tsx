import { useApp } from '../../context/store';
import { useCommands } from '../../context/commands';

/** Recently opened studies and maps (the same list as File > Open Recent). */
export function RecentList() {
  const recent = useApp((s) => s.recent);
  const { run } = useCommands();
  if (recent.length === 0) return null;
  return (
    <details className="study-section" open>
      <summary>Recent</summary>
      <ul className="recent-list" data-testid="recent-list">
        {recent.slice(0, 8).map((r) => (
          <li key={`${r.kind}:${r.path}`}>
            <button className="link" title={r.path} onClick={() => void run('study.openRecent', r)} data-testid="recent-item">
              <span className="recent-kind">{r.kind === 'study' ? 'Study' : r.kind === 'map' ? 'Map' : 'Scene'}</span> {r.label}
            </button>
          </li>
        ))}
      </ul>
    </details>
  );
}
