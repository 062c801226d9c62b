/** The cluster table's FWE p (permutation) cell and export column; nothing shows until a run is stored. */
import { useApp } from '../../context/store';
import { compareSettings } from '../../store/selectors';
import { fmtFweP } from '../../../shared/compare/fweDisplay';

/** FWE p of one cluster row; for max-T/TFCE the smallest voxel FWE p inside the cluster. */
export function ClusterFweCell({ id }: { id: number }) {
  const p = useApp((s) => (compareSettings(s).fwe.on && s.compare.perm.resultKey ? s.compare.perm.clusterP[id] : undefined));
  const alpha = useApp((s) => compareSettings(s).fwe.alpha);
  if (p === undefined) return null;
  return (
    <span className={`cluster-fwe${p <= alpha ? ' sig' : ''}`} data-testid="cluster-fwe-p" data-p={p} title="FWE p (permutation)">
      FWE p {fmtFweP(p)}
    </span>
  );
}
