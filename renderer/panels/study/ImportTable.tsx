/**
 * The inferred table (subject, condition, measure, file) the user confirms before anything loads.
 * Rows can be left out; a condition can be renamed everywhere or changed per row; a measure renamed per row.
 */
import { useMemo, useState } from 'react';
import { useApp } from '../../context/store';
import { useAppStore } from '../../context/store';
import type { AppStore } from '../../store';
import { editPendingRow, renameCondition, type PendingImport } from '../../store/study';
import { useCommands } from '../../context/commands';
import { baseName } from '../../../shared/study';
import { ProblemList } from './ProblemList';

function update(s: AppStore, fn: (p: PendingImport) => PendingImport): void {
  const p = s.getState().pendingImport;
  if (p) s.setState({ pendingImport: fn(p) });
}

function ConditionRename({ name }: { name: string }) {
  const store = useAppStore();
  const [value, setValue] = useState(name);
  const commit = () => update(store, (p) => renameCondition(p, name, value));
  return (
    <label className="cond-rename">
      <span className="muted">{name} →</span>
      <input data-testid={`rename-condition-${name}`} value={value} onChange={(e) => setValue(e.target.value)} onBlur={commit} onKeyDown={(e) => e.key === 'Enter' && commit()} aria-label={`Rename condition ${name}`} />
    </label>
  );
}

export function ImportTable() {
  const store = useAppStore();
  const pending = useApp((s) => s.pendingImport);
  const { run } = useCommands();
  const conditions = useMemo(() => [...new Set(pending?.rows.map((r) => r.condition) ?? [])], [pending]);
  if (!pending) return null;
  const included = pending.rows.filter((r) => r.include);
  const subjects = new Set(included.map((r) => r.subject)).size;
  const measures = new Set(included.map((r) => r.measure)).size;
  const condCount = new Set(included.map((r) => r.condition)).size;
  return (
    <div className="modal-backdrop">
      <div className="modal import-dialog" role="dialog" aria-label="Confirm the study table" data-testid="import-table">
        <header className="panel-title">
          <h2>Confirm the study: {pending.result.study.name}</h2>
          <span className="muted" data-testid="import-summary">
            {subjects} subjects × {condCount} conditions × {measures} measures · {included.length} of {pending.rows.length} files
          </span>
        </header>
        <p className="muted">Check what was read from the file names. Untick files to leave them out; rename conditions or measures where the names are wrong. Nothing is loaded until you confirm.</p>
        <div className="cond-renames">
          <span>Conditions:</span>
          {conditions.map((c) => (
            <ConditionRename key={c} name={c} />
          ))}
        </div>
        {pending.result.problems.length > 0 && <ProblemList problems={pending.result.problems} testId="import-problems" />}
        <div className="import-scroll">
          <table className="import-grid">
            <thead>
              <tr>
                <th>Use</th>
                <th>Subject</th>
                <th>Condition</th>
                <th>Measure</th>
                <th>File</th>
              </tr>
            </thead>
            <tbody>
              {pending.rows.map((r, i) => (
                <tr key={`${r.path}-${i}`} className={r.include ? '' : 'excluded'} data-testid="import-row">
                  <td>
                    <input type="checkbox" checked={r.include} aria-label={`Use ${baseName(r.path)}`} onChange={(e) => update(store, (p) => editPendingRow(p, i, { include: e.target.checked }))} />
                  </td>
                  <td>{r.subject}</td>
                  <td>
                    <select value={r.condition} aria-label={`Condition of ${baseName(r.path)}`} onChange={(e) => update(store, (p) => editPendingRow(p, i, { condition: e.target.value }))}>
                      {conditions.map((c) => (
                        <option key={c}>{c}</option>
                      ))}
                    </select>
                  </td>
                  <td>
                    <input
                      className="measure-cell"
                      defaultValue={r.measure}
                      aria-label={`Measure of ${baseName(r.path)}`}
                      onBlur={(e) => e.target.value !== r.measure && update(store, (p) => editPendingRow(p, i, { measure: e.target.value }))}
                    />
                  </td>
                  <td className="file-cell" title={r.path}>
                    {baseName(r.path)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <footer className="modal-buttons">
          <button onClick={() => void run('study.cancelImport')} data-testid="import-cancel">
            Cancel
          </button>
          <button className="primary" onClick={() => void run('study.confirmImport')} data-testid="import-confirm" disabled={included.length === 0}>
            Confirm and open
          </button>
        </footer>
      </div>
    </div>
  );
}
