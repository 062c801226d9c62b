import { useApp } from '../context/store';

export function ProgressBar() {
  const p = useApp((s) => s.progress);
  if (!p) return null;
  return (
    <div className="progress" data-testid="progress" role="progressbar" aria-label={p.label} aria-valuenow={p.fraction === null ? undefined : Math.round(p.fraction * 100)}>
      <span>{p.label}</span>
      <div className="progress-track">
        <div className={`progress-fill${p.fraction === null ? ' indeterminate' : ''}`} style={p.fraction === null ? undefined : { width: `${Math.round(p.fraction * 100)}%` }} />
      </div>
    </div>
  );
}
