/** Study slice: the open study (plain data) and the state of its loading. Owned by the study UI. */
import type { Study, StudyProblem } from '../../shared/study';

export interface StudySlice {
  study: Study | null;
  studyProblems: StudyProblem[];
  /** The measure the compare workspace shows. */
  activeMeasureId: string | null;
}

export function initialStudyState(): StudySlice {
  return { study: null, studyProblems: [], activeMeasureId: null };
}
