/** The open study at a glance: name (and the simulated notice), design, subjects, conditions, measures, problems. */
import { useState } from 'react';
import { useApp } from '../../context/store';
import { useCommands } from '../../context/commands';
import { SIMULATED_NOTICE } from '../../../shared/study';
import { MeasureList } from './MeasureList';
import { ProblemList } from './ProblemList';
import { RecentList } from './RecentList';
import { GroupMapNotes } from './GroupMapNotes';
import { ImportTable } from './ImportTable';
import './study.css';

function DesignText({ design, conditions }: { design: 'paired' | 'two-group'; conditions: string[] }) {
  return <>{design === 'paired' ? `within-subject (paired): every subject under ${conditions.join(' and ')}` : `two groups: different subjects under ${conditions.join(' and ')}`}</>;
}

export function StudyPanel() {
  const study = useApp((s) => s.study);
  const problems = useApp((s) => s.studyProblems);
  const demoState = useApp((s) => s.demoState);
  const demoProgress = useApp((s) => s.demoProgress);
  const source = useApp((s) => s.studySource);
  const { run } = useCommands();
  const errors = problems.filter((p) => p.severity === 'error').length;
  // Compare and Connectivity need the left column for the contrast and cluster panels: the study folds to one line there.
  const workspace = useApp((s) => s.workspace);
  const [expanded, setExpanded] = useState(false);
  if (study && (workspace === 'compare' || workspace === 'connectivity') && !expanded) {
    return (
      <section className="panel study-panel collapsed" data-testid="study-panel" data-collapsed="true" aria-label="Study">
        <span className="study-name" data-testid="study-name" title={study.name}>{study.name}</span>
        {study.simulated && <span className="simulated-tag" data-testid="simulated-tag" title={study.notice ?? SIMULATED_NOTICE}>simulated</span>}
        <button className="small" data-testid="study-expand" title="Show the study's design, subjects and measures" onClick={() => setExpanded(true)}>Study ▸</button>
      </section>
    );
  }
  return (
    <section className="panel study-panel" data-testid="study-panel" aria-label="Study">
      <header className="panel-title">
        <h2>Study</h2>
        {(workspace === 'compare' || workspace === 'connectivity') && study && (
          <button className="small" data-testid="study-collapse" title="Fold the study to one line" onClick={() => setExpanded(false)}>▾ fold</button>
        )}
      </header>
      <div className="study-buttons">
        <button onClick={() => void run('file.openStudyFolder')} data-testid="open-study-folder">
          Open study folder…
        </button>
        <button onClick={() => void run('file.openStudyTable')} data-testid="open-study-table">
          Open study table…
        </button>
      </div>
      {!study && <p className="muted">{demoState === 'generating' ? 'Preparing the simulated demo study…' : 'No study is open. Open a folder of subject maps or a study table.'}</p>}
      {study && (
        <>
          <div className="study-name" data-testid="study-name">
            {study.name}
          </div>
          {study.simulated && (
            <div className="simulated-banner" data-testid="simulated-banner" role="note">
              {study.notice ?? SIMULATED_NOTICE}
            </div>
          )}
          {source?.kind === 'demo' && demoState === 'generating' && (
            <p className="muted" data-testid="demo-generating">
              Generating the other measures{demoProgress?.total ? `: ${demoProgress.done} of ${demoProgress.total} files` : '…'}
            </p>
          )}
          <dl className="study-facts">
            <dt>Design</dt>
            <dd data-testid="study-design">
              <DesignText design={study.design} conditions={study.conditions} />
            </dd>
            <dt>Conditions</dt>
            <dd data-testid="study-conditions">{study.conditions.join(', ')}</dd>
            <dt>Subjects</dt>
            <dd>
              <details data-testid="study-subjects">
                <summary>
                  <span data-testid="subject-count">{study.subjects.length}</span> subjects
                </summary>
                <p className="subject-list">{study.subjects.join(', ')}</p>
              </details>
            </dd>
            {study.participants && study.participants.columns.length > 1 && (
              <>
                <dt>Covariates</dt>
                <dd data-testid="study-covariates">{study.participants.columns.slice(1).join(', ')}</dd>
              </>
            )}
            {source && source.kind !== 'demo' && (
              <>
                <dt>From</dt>
                <dd className="study-root" title={source.path}>
                  {source.path}
                </dd>
              </>
            )}
          </dl>
          <h3>
            Measures <span className="muted">({study.measures.length})</span>
          </h3>
          <MeasureList measures={study.measures} />
          {problems.length > 0 ? (
            <details className="study-section" open={errors > 0}>
              <summary>
                {problems.length} problem{problems.length === 1 ? '' : 's'}
                {errors ? ` (${errors} error${errors === 1 ? '' : 's'})` : ''}
              </summary>
              <ProblemList problems={problems} />
            </details>
          ) : (
            <p className="muted ok-line" data-testid="study-ok">
              No problems found: every subject has a file under each condition.
            </p>
          )}
          {!study.simulated && (
            <button className="link" onClick={() => void run('study.openDemo')}>
              Back to the simulated demo study
            </button>
          )}
        </>
      )}
      <GroupMapNotes />
      <RecentList />
      <ImportTable />
    </section>
  );
}
