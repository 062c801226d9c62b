/** FWE (permutation) controls of the contrast panel: inference, permutations, cluster-forming p, run/cancel with progress, FWE alpha. */
import { useApp } from '../../context/store';
import { useCommands } from '../../context/commands';
import { useCompareClient } from '../../context/compare';
import type { InferenceMethod } from '../../../shared/stats/permutation';
import { conditionsOf } from '../../store/compare';
import { compareSettings } from '../../store/selectors';

const METHODS: { id: InferenceMethod; label: string }[] = [
  { id: 'max-t', label: 'voxel max-T' },
  { id: 'cluster-extent', label: 'cluster extent' },
  { id: 'cluster-mass', label: 'cluster mass' },
  { id: 'tfce', label: 'TFCE' },
];

/** FWE alpha slider: log scale 0.001 .. 0.2 over 0..1000. */
const alphaToPos = (a: number) => Math.round(((Math.log10(a) + 3) / (Math.log10(0.2) + 3)) * 1000);
const posToAlpha = (p: number) => Number((10 ** ((p / 1000) * (Math.log10(0.2) + 3) - 3)).toPrecision(2));

export function FwePanel() {
  const compare = useCompareClient();
  const { run } = useCommands();
  const f = useApp((s) => compareSettings(s).fwe);
  const perm = useApp((s) => s.compare.perm);
  const groupMap = useApp((s) => !!compareSettings(s).groupMap);
  // The FWE sides are the threshold's (the Sides control below): one-sided tests the direction shown.
  const sided = useApp((s) => compareSettings(s).threshold.sided);
  const direction = useApp((s) => compareSettings(s).direction);
  const [condA, condB] = useApp((s) => conditionsOf(s).join('\u0000')).split('\u0000');
  const [first, second] = direction === 'A-B' ? [condA, condB] : [condB, condA];
  const set = (patch: Record<string, unknown>) => void run('compare.setFwe', patch);
  const running = perm.status === 'running';
  const cluster = f.method === 'cluster-extent' || f.method === 'cluster-mass';
  const fraction = perm.total > 0 ? perm.done / perm.total : 0;
  return (
    <div className="fwe-panel" data-testid="fwe-panel">
      <div className="field">
        <span>Inference</span>
        <select data-testid="fwe-method" aria-label="FWE inference" value={f.method} disabled={running} onChange={(e) => set({ method: e.target.value })}>
          {METHODS.map((m) => (
            <option key={m.id} value={m.id}>{m.label}</option>
          ))}
        </select>
      </div>
      <div className="field">
        <span>Permutations</span>
        <input className="num" type="number" min={2} step={1} data-testid="fwe-nperm" aria-label="Number of permutations" key={`n${f.nPerm}`} defaultValue={f.nPerm} disabled={running} onBlur={(e) => set({ nPerm: Number(e.target.value) })} onKeyDown={(e) => e.key === 'Enter' && set({ nPerm: Number((e.target as HTMLInputElement).value) })} />
      </div>
      <div className="field">
        <span title="Clusters (and the uncorrected map the FWE map is cut from) are formed at this two-sided p">Cluster-forming p &lt;</span>
        <input className="num" data-testid="fwe-cluster-p" aria-label="Cluster-forming p" key={`p${f.clusterP}`} defaultValue={f.clusterP} disabled={running} onBlur={(e) => set({ clusterP: Number(e.target.value) })} onKeyDown={(e) => e.key === 'Enter' && set({ clusterP: Number((e.target as HTMLInputElement).value) })} />
        {!cluster && <span className="muted">display</span>}
      </div>
      <div className="field">
        <span>Sides</span>
        <span className="muted" data-testid="fwe-sides" data-sided={sided} title="Set with Sides below; one-sided tests only the direction shown (t > 0)">
          {sided === 1 ? `one-sided, ${first} > ${second}` : 'two-sided'}
        </span>
      </div>
      <div className="field">
        {running ? (
          <>
            <progress data-testid="perm-progress" max={1} value={fraction} aria-label="Permutations done" data-done={perm.done} data-total={perm.total} />
            <span className="muted" data-testid="perm-progress-text">
              {perm.total > 0 ? `${perm.done} / ${perm.total}` : perm.message}
              {perm.etaS !== null && perm.done > 0 ? `, ~${Math.ceil(perm.etaS)} s left` : ''}
            </span>
            <button className="small" data-testid="perm-cancel" onClick={() => compare.permutation.cancel()}>Cancel</button>
          </>
        ) : (
          <button className="small" data-testid="perm-run" disabled={groupMap} title={groupMap ? 'A group map has no subject maps to permute' : undefined} onClick={() => void compare.runPermutation()}>
            {perm.resultKey ? 'Run again' : 'Run permutations'}
          </button>
        )}
      </div>
      <div className="field">
        <span>FWE p &lt;</span>
        <input type="range" min={0} max={1000} data-testid="fwe-alpha" aria-label="FWE alpha" value={alphaToPos(f.alpha)} onChange={(e) => set({ alpha: posToAlpha(Number(e.target.value)) })} />
        <span className="num" data-testid="fwe-alpha-value">{f.alpha}</span>
      </div>
      <p className="muted" data-testid="perm-status" data-seconds={perm.seconds ?? ''} data-result={perm.resultKey ?? ''}>
        {perm.status === 'error' || perm.status === 'cancelled'
          ? perm.message
          : perm.resultKey
            ? `${perm.caption}${perm.seconds !== null && perm.status === 'done' ? ` (${perm.seconds.toFixed(1)} s)` : ''}`
            : running
              ? ''
              : 'Not run for these settings yet: the map shows the uncorrected p at the cluster-forming threshold.'}
      </p>
    </div>
  );
}
