/** The Figure workspace's left side: which figure, the page (width, height, DPI, font, background), the panel list, export. */
import { useState } from 'react';
import { WIDTH_PRESETS, DPI_MAX, DPI_MIN, panelLetter, FIGURE_FORMATS } from '../../../shared/figure';
import { useApp } from '../../context/store';
import { useCommands } from '../../context/commands';
import { activeFigure } from '../../commands/figure';
import { PanelSettings } from './PanelSettings';

export function FigureControls() {
  const { run } = useCommands();
  const figures = useApp((s) => s.scene.figures);
  const fig = useApp(activeFigure);
  const format = useApp((s) => s.figureFormat);
  const [open, setOpen] = useState<string | null>(null);
  const [drag, setDrag] = useState<string | null>(null);
  const page = (patch: Record<string, unknown>) => void run('figure.updatePage', { patch });
  if (!fig) {
    return (
      <section className="panel" data-testid="figure-controls">
        <h3>Figure</h3>
        <p className="muted">No figure yet. Use “Add to figure” in Compare or the Viewer, or start an empty one.</p>
        <button onClick={() => void run('figure.new')}>New figure</button>
      </section>
    );
  }
  const preset = WIDTH_PRESETS.some((p) => p.mm === fig.page.widthMm) ? String(fig.page.widthMm) : 'custom';
  return (
    <section className="panel figure-controls" data-testid="figure-controls">
      <h3>Figure</h3>
      <label className="field"><span>Figure</span>
        <select data-testid="figure-select" value={fig.id} onChange={(e) => void run('figure.select', { id: e.target.value })}>
          {figures.map((f) => <option key={f.id} value={f.id}>{f.name}</option>)}
        </select>
      </label>
      <div className="row">
        <button className="small" onClick={() => void run('figure.new')}>New figure</button>
        <button className="small" onClick={() => void run('figure.remove')}>Delete</button>
      </div>
      <label className="field"><span>Name</span><input key={fig.id} data-testid="figure-name" defaultValue={fig.name} onBlur={(e) => e.target.value !== fig.name && void run('figure.update', { patch: { name: e.target.value } })} /></label>
      <label className="field"><span>Width</span>
        <select value={preset} onChange={(e) => e.target.value !== 'custom' && page({ widthMm: Number(e.target.value) })}>
          {WIDTH_PRESETS.map((p) => <option key={p.mm} value={p.mm}>{p.label}</option>)}
          <option value="custom">custom</option>
        </select>
      </label>
      <label className="field"><span>Width (mm)</span><input type="number" data-testid="figure-width-mm" min={30} max={500} value={fig.page.widthMm} onChange={(e) => Number(e.target.value) >= 30 && page({ widthMm: Number(e.target.value) })} /></label>
      <label className="field"><span>Height (mm, empty = as needed)</span><input type="number" data-testid="figure-height-mm" min={20} max={700} value={fig.page.heightMm ?? ''} onChange={(e) => page({ heightMm: e.target.value === '' ? null : Number(e.target.value) })} /></label>
      <label className="field"><span>DPI</span><input type="number" data-testid="figure-dpi" min={DPI_MIN} max={DPI_MAX} step={50} value={fig.page.dpi} onChange={(e) => { const v = Number(e.target.value); if (Number.isInteger(v) && v >= DPI_MIN && v <= DPI_MAX) page({ dpi: v }); }} /></label>
      <label className="field"><span>Text (pt)</span><input type="number" data-testid="figure-font-pt" min={5} max={14} step={0.5} value={fig.page.fontPt} onChange={(e) => { const v = Number(e.target.value); if (v >= 5 && v <= 14) page({ fontPt: v }); }} /></label>
      <label className="field"><span>Background</span>
        <select value={fig.page.background} onChange={(e) => page({ background: e.target.value })}><option value="white">white (print)</option><option value="dark">dark</option></select>
      </label>
      <label className="field"><span>Columns</span><input type="number" min={1} max={6} value={fig.columns} onChange={(e) => { const v = Number(e.target.value); if (v >= 1 && v <= 6) void run('figure.update', { patch: { columns: v } }); }} /></label>
      <label className="field"><span>Colorbar</span>
        <select value={fig.colorbar} onChange={(e) => void run('figure.update', { patch: { colorbar: e.target.value } })}>
          <option value="shared">one, under the panels</option><option value="per-panel">one per brain panel</option><option value="none">none</option>
        </select>
      </label>
      <label className="field"><span>Caption</span><textarea key={`c${fig.id}`} defaultValue={fig.caption} rows={2} onBlur={(e) => e.target.value !== fig.caption && void run('figure.update', { patch: { caption: e.target.value } })} /></label>
      <h4>Panels (drag to reorder)</h4>
      <ol className="figure-panels">
        {fig.panels.map((p, i) => (
          <li
            key={p.id}
            data-testid="figure-panel"
            data-kind={p.kind}
            draggable
            className={drag === p.id ? 'dragging' : ''}
            onDragStart={(e) => { setDrag(p.id); e.dataTransfer.setData('text/plain', p.id); }}
            onDragEnd={() => setDrag(null)}
            onDragOver={(e) => e.preventDefault()}
            onDrop={(e) => { e.preventDefault(); const id = e.dataTransfer.getData('text/plain') || drag; if (id && id !== p.id) void run('figure.movePanel', { panelId: id, to: i }); setDrag(null); }}
          >
            <div className="row">
              <b>{panelLetter(i)}</b>
              <span className="grow">{p.title || p.kind}</span>
              <button className="small" aria-label={`Settings of panel ${panelLetter(i)}`} onClick={() => setOpen(open === p.id ? null : p.id)}>⚙</button>
              <button className="small" aria-label={`Remove panel ${panelLetter(i)}`} onClick={() => void run('figure.removePanel', { panelId: p.id })}>✕</button>
            </div>
            {open === p.id && <PanelSettings panel={p} />}
          </li>
        ))}
      </ol>
      <div className="row">
        <select data-testid="figure-format" value={format} onChange={(e) => void run('figure.setFormat', { format: e.target.value })} aria-label="Export format">
          {FIGURE_FORMATS.map((f) => <option key={f} value={f}>{f}</option>)}
        </select>
        <button data-testid="figure-export" onClick={() => void run('figure.export')}>Export</button>
      </div>
      <p className="muted small">PNG and TIFF at the DPI; SVG and PDF keep text and plots as vectors. A NAME.legend.md with every setting is saved beside it.</p>
    </section>
  );
}
