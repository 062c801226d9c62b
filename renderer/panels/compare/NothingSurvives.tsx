/** When no voxel passes: says so, with the strongest voxel, and offers the nearest useful threshold as one click. */
import { useCommands } from '../../context/commands';
import { useApp } from '../../context/store';

export function NothingSurvives() {
  const { run } = useCommands();
  const nothing = useApp((s) => s.compare.resolved?.nothing);
  if (!nothing) return null;
  const { suggest } = nothing;
  return (
    <div className="nothing-survives" data-testid="nothing-survives" role="status">
      <span>No voxel survives this threshold. {nothing.text.charAt(0).toUpperCase() + nothing.text.slice(1).replace(/: try .*$/, '')}.</span>
      {suggest && (
        <button
          className="small"
          data-testid="nothing-survives-try"
          title={`Threshold at uncorrected p < ${suggest.value} (sides and extent kept)`}
          onClick={() => void run('compare.setThreshold', { mode: suggest.mode, value: suggest.value })}
        >
          Try p &lt; {suggest.value}
        </button>
      )}
    </div>
  );
}
