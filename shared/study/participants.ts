import { parseDelimited } from './delimited';
import type { Participants } from './types';

/** participants.tsv: one row per subject, `participant_id` first; other columns are covariates (age, sex, drug_order). */
export function parseParticipants(text: string, fileName: string): Participants {
  const { columns, rows } = parseDelimited(text, fileName);
  if (columns.length === 0) return { columns: [], rows: [] };
  const idColumn = columns.includes('participant_id') ? 'participant_id' : columns[0];
  const ordered = [idColumn, ...columns.filter((c) => c !== idColumn)];
  return { columns: ordered, rows: rows.filter((r) => r[idColumn] !== '') };
}

/** The covariate row of a subject ('sub-01' matches 'sub-01' or '01'). */
export function participantRow(participants: Participants | undefined, subject: string): Record<string, string> | undefined {
  if (!participants || participants.columns.length === 0) return undefined;
  const id = participants.columns[0];
  const bare = (s: string) => s.replace(/^sub-/, '');
  return participants.rows.find((r) => r[id] === subject || bare(r[id]) === bare(subject));
}
