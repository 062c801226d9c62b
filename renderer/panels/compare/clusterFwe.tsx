/** The cluster table's FWE p (permutation) cell and export column; nothing shows until a run is stored. */
import { useApp } from '../../store/useApp';
import type { Separator } from '../../../shared/compare';

/** FWE p of one cluster row; for max-T/TFCE the smallest voxel FWE p inside the cluster. */
export function ClusterFweCell({ id }: { id: number }) {
  const p = useApp((s) => (s.compare.fwe.on && s.compare.perm.resultKey ? s.compare.perm.clusterP[id] : undefined));
  const alpha = useApp((s) => s.compare.fwe.alpha);
  if (p === undefined) return null;
  return (
    <span className={`cluster-fwe${p <= alpha ? ' sig' : ''}`} data-testid="cluster-fwe-p" data-p={p} title="FWE p (permutation)">
      FWE p {p < 0.001 ? p.toExponential(1) : p.toFixed(3)}
    </span>
  );
}

/**
 * Adds an fwe_p column (row order as exported) and names the inference in the notice lines; the
 * text is returned unchanged without a stored run.
 */
export function withFwe(text: string, sep: Separator, ps: (number | undefined)[], caption: string | null): string {
  if (!caption) return text;
  const lines = text.replace(/\n$/, '').split('\n');
  let header = lines.findIndex((l) => !l.startsWith('#'));
  const out = [...lines.slice(0, header), `# Inference: ${caption}`];
  out.push(`${lines[header]}${sep}fwe_p`);
  let r = 0;
  for (header++; header < lines.length; header++) out.push(`${lines[header]}${sep}${ps[r++] ?? ''}`);
  return out.join('\n') + '\n';
}
