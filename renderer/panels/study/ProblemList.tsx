import type { StudyProblem } from '../../../shared/study';

/** Problems as plain sentences; errors first. */
export function ProblemList({ problems, testId = 'study-problems' }: { problems: StudyProblem[]; testId?: string }) {
  const sorted = [...problems].sort((a, b) => (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1));
  return (
    <ul className="problem-list" data-testid={testId} aria-label="Problems found in the study">
      {sorted.map((p, i) => (
        <li key={i} className={`problem ${p.severity}`} data-testid="study-problem">
          <span className="problem-mark">{p.severity === 'error' ? 'Error' : 'Note'}</span> {p.message}
        </li>
      ))}
    </ul>
  );
}
