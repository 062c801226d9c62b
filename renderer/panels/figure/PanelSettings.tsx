/** One panel's settings in the Figure workspace's list; every change is an undoable command. */
import { COMPARE_CLIP_PLANE, CONNECTOME_VIEWS, RENDER_VIEWS, SURFACE_PRESETS, connectomeViewCamera, connectomeViewOf, renderViewName, type Panel } from '../../../shared/figure';
import { useCommands } from '../../context/commands';

export function PanelSettings({ panel }: { panel: Panel }) {
  const { run } = useCommands();
  const set = (patch: Record<string, unknown>) => void run('figure.updatePanel', { panelId: panel.id, patch });
  return (
    <div className="figure-panel-settings">
      <label className="field"><span>Title</span><input value={panel.title} placeholder="(from the content)" onChange={(e) => set({ title: e.target.value })} /></label>
      <label className="field"><span>Columns spanned</span><input type="number" min={1} max={6} value={panel.span} onChange={(e) => set({ span: Math.max(1, Math.min(6, Number(e.target.value) || 1)) })} /></label>
      {panel.kind === 'slices' && (
        <>
          <label className="field"><span>Plane</span>
            <select value={panel.plane} onChange={(e) => set({ plane: e.target.value })}>
              <option value="axial">axial (z)</option><option value="coronal">coronal (y)</option><option value="sagittal">sagittal (x)</option>
            </select>
          </label>
          <label className="field"><span>Slices</span>
            <select value={panel.mode} onChange={(e) => set({ mode: e.target.value, ...(e.target.value === 'single' && !panel.coords.length ? { coords: [0] } : {}) })}>
              <option value="single">one slice</option><option value="mosaic">mosaic</option>
            </select>
          </label>
          {panel.mode === 'mosaic' && (
            <label className="field"><span>Count</span><input type="number" min={1} max={24} value={panel.count} onChange={(e) => set({ count: Math.max(1, Math.min(24, Number(e.target.value) || 1)), autoCoords: true })} /></label>
          )}
          <label className="field"><span>mm (comma-separated; empty = spread evenly)</span>
            <input
              defaultValue={panel.autoCoords && panel.mode === 'mosaic' ? '' : panel.coords.join(', ')}
              onBlur={(e) => {
                const nums = e.target.value.split(/[,\s]+/).filter(Boolean).map(Number).filter(Number.isFinite);
                set(nums.length ? { coords: nums.slice(0, 24), autoCoords: false } : { autoCoords: true, coords: [] });
              }}
            />
          </label>
          {panel.content !== 'layers' && (
            <label className="field"><span>Shows</span>
              <select value={panel.content} onChange={(e) => set({ content: e.target.value })}>
                <option value="contrast">thresholded contrast</option><option value="conditionA">mean, condition A</option><option value="conditionB">mean, condition B</option>
              </select>
            </label>
          )}
          <label className="field"><input type="checkbox" checked={panel.outlines} onChange={() => set({ outlines: !panel.outlines })} /> atlas outlines</label>
        </>
      )}
      {panel.kind === 'glass' && (
        <label className="field"><span>Views</span>
          <select value={panel.display} onChange={(e) => set({ display: e.target.value })}>
            <option value="ortho">sagittal, coronal, axial</option><option value="lyrz">left, right, coronal, axial</option>
          </select>
        </label>
      )}
      {(panel.kind === 'slices' || panel.kind === 'glass') && (
        <label className="field"><input type="checkbox" checked={panel.radiological} onChange={() => set({ radiological: !panel.radiological })} /> radiological (left on the right)</label>
      )}
      {panel.kind === 'surface' && (
        <>
          <label className="field"><span>Views</span>
            <select data-testid="figure-surface-views" value={SURFACE_PRESETS.find((p) => p.views.join() === panel.views.join())?.id ?? ''} onChange={(e) => set({ views: SURFACE_PRESETS.find((p) => p.id === e.target.value)?.views ?? panel.views })}>
              {!SURFACE_PRESETS.some((p) => p.views.join() === panel.views.join()) && <option value="">as added</option>}
              {SURFACE_PRESETS.map((p) => <option key={p.id} value={p.id}>{p.label}</option>)}
            </select>
          </label>
          <label className="field"><span>Rows</span>
            <select data-testid="figure-surface-rows" value={panel.rows.join()} onChange={(e) => set({ rows: e.target.value.split(',') })}>
              <option value="contrast">contrast</option><option value="conditionA,conditionB,contrast">both means and the contrast</option>
            </select>
          </label>
          <button className="small" onClick={() => set({ camera: { yaw: 0, pitch: 0, zoom: 1 } })}>Reset camera</button>
        </>
      )}
      {panel.kind === 'render' && (
        <>
          <label className="field"><span>View</span>
            <select data-testid="figure-render-view" value={RENDER_VIEWS.find((v) => v.label === renderViewName(panel.camera))?.id ?? ''} onChange={(e) => { const v = RENDER_VIEWS.find((x) => x.id === e.target.value); if (v) set({ camera: { ...panel.camera, ...v.camera } }); }}>
              {!renderViewName(panel.camera) && <option value="">as added (oblique)</option>}
              {RENDER_VIEWS.map((v) => <option key={v.id} value={v.id}>{v.label}</option>)}
            </select>
          </label>
          <label className="field"><input type="checkbox" checked={panel.clipPlane !== null} onChange={() => set({ clipPlane: panel.clipPlane ? null : [...COMPARE_CLIP_PLANE] })} /> clip plane (as Compare's)</label>
        </>
      )}
      {panel.kind === 'connectome' && (
        <>
          <label className="field"><span>View</span>
            {/* A named view keeps the camera's distance (the zoom it was added with). */}
            <select data-testid="figure-connectome-view" value={connectomeViewOf(panel.camera)?.id ?? ''} onChange={(e) => { const c = connectomeViewCamera(e.target.value, Math.hypot(...panel.camera.eye) || undefined); if (c) set({ camera: c }); }}>
              {!connectomeViewOf(panel.camera) && <option value="">as added (oblique)</option>}
              {CONNECTOME_VIEWS.map((v) => <option key={v.id} value={v.id}>{v.label}</option>)}
            </select>
          </label>
          <label className="field"><input type="checkbox" data-testid="figure-connectome-labels" checked={panel.labels} onChange={() => set({ labels: !panel.labels })} /> node names</label>
        </>
      )}
      {panel.kind === 'clusters' && (
        <label className="field"><span>Rows</span><input type="number" min={1} max={40} value={panel.maxRows} onChange={(e) => set({ maxRows: Math.max(1, Math.min(40, Number(e.target.value) || 1)) })} /></label>
      )}
    </div>
  );
}
