import type { Measure } from '../../../shared/study';
import { useApp } from '../../context/store';
import { useCommands } from '../../context/commands';
import { shownMeasureId } from '../../store/selectors';

const KIND_LABEL: Record<Measure['kind'], string> = {
  bold: 'task BOLD',
  cbf: 'ASL CBF',
  'rsfc-seed': 'RSFC seed map',
  'connectivity-matrix': 'ROI×ROI matrix',
  'group-stat': 'group map',
};

/** Measures of the study; clicking one makes it the active measure (the compare view follows). */
export function MeasureList({ measures }: { measures: Measure[] }) {
  const active = useApp((s) => shownMeasureId(s));
  const status = useApp((s) => s.measureStatus);
  const { run } = useCommands();
  return (
    <ul className="measure-list" aria-label="Measures">
      {measures.map((m) => {
        const st = status[m.id];
        return (
          <li key={m.id}>
            <button
              className={`measure${m.id === active ? ' active' : ''}`}
              data-testid={`measure-${m.id}`}
              aria-pressed={m.id === active}
              onClick={() => void run('study.selectMeasure', { id: m.id })}
            >
              <span className="measure-label">{m.label}</span>
              <span className="measure-meta">
                {KIND_LABEL[m.kind]} · {m.units}
                {m.seed ? ` · seed ${m.seed}` : ''} · {m.files.length} files
                {st?.state === 'loading' ? ` · loading ${st.done}/${st.total}` : st?.state === 'loaded' ? ' · loaded' : st?.state === 'failed' ? ' · could not load' : ''}
              </span>
            </button>
            {st?.note && (
              <div className="layer-note" data-testid="resample-note">
                {st.note}
              </div>
            )}
          </li>
        );
      })}
    </ul>
  );
}
