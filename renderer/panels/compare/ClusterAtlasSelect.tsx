/** Which atlas names the cluster table's peaks and coverage: any atlas layer; the bundled AAL by default. */
import { useApp } from '../../context/store';
import { useCommands } from '../../context/commands';

export function ClusterAtlasSelect() {
  const { run } = useCommands();
  const bundled = useApp((s) => s.atlasId);
  const chosen = useApp((s) => s.compare.clusterAtlasId);
  const layers = useApp((s) => s.scene.layers);
  const atlases = layers.filter((l) => l.kind === 'atlas').map((l) => ({ id: l.id, name: l.name }));
  if (atlases.length < 2) return null;
  const value = chosen && atlases.some((a) => a.id === chosen) ? chosen : (bundled ?? '');
  return (
    <select
      className="small"
      data-testid="cluster-atlas"
      aria-label="Atlas for cluster labels"
      title="Atlas that names the peaks and the regions each cluster covers"
      value={value}
      onChange={(e) => void run('compare.clusterAtlas', { layerId: e.target.value === bundled ? null : e.target.value })}
    >
      {atlases.map((a) => (
        <option key={a.id} value={a.id}>{a.name}</option>
      ))}
    </select>
  );
}
