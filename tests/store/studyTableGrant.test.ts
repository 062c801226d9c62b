// Electron grants a study table's files one by one (issue 10 item 1): opening a table asks the
// host for exactly the files the table lists, and a file the host refuses is named as a problem.
import { describe, expect, it } from 'vitest';
import type { HostApi } from '../../shared/ipc/host';
import { importTableFile } from '../../renderer/engine/studyOpen';
import { createAppStore } from '../../renderer/store';

const TABLE = 'subject\tcondition\tmeasure\tpath\nsub-01\tmdma\tbold\tsub-01/a.nii.gz\nsub-01\tplacebo\tbold\tsub-01/b.nii.gz\nsub-02\tmdma\tbold\t../elsewhere/c.nii.gz\nsub-02\tplacebo\tbold\tsub-02/d.nii.gz\n';

function electronHost(refuse: string[]): { host: HostApi; asked: [string, string[]][] } {
  const asked: [string, string[]][] = [];
  const host = {
    kind: 'electron',
    readFile: async () => new TextEncoder().encode(TABLE).buffer,
    grantTableFiles: async (table: string, paths: string[]) => {
      asked.push([table, paths]);
      return paths.filter((p) => refuse.includes(p)).map((p) => ({ path: p, reason: `${p.split('/').pop()}: study.tsv does not list this file.` }));
    },
  } as unknown as HostApi;
  return { host, asked };
}

describe('opening a study table in Electron', () => {
  it('asks main to grant exactly the listed files, and shows each refusal as a problem', async () => {
    const store = createAppStore();
    const { host, asked } = electronHost(['/data/elsewhere/c.nii.gz']);
    await importTableFile({ store, host, engine: null }, { path: '/data/study/study.tsv', name: 'study.tsv', size: TABLE.length }, []);
    expect(asked).toHaveLength(1);
    expect(asked[0][0]).toBe('/data/study/study.tsv');
    expect([...asked[0][1]].sort()).toEqual(['/data/elsewhere/c.nii.gz', '/data/study/sub-01/a.nii.gz', '/data/study/sub-01/b.nii.gz', '/data/study/sub-02/d.nii.gz']);
    const problems = store.getState().pendingImport!.result.problems;
    expect(problems).toContainEqual({ severity: 'warning', kind: 'missing-file', paths: ['/data/elsewhere/c.nii.gz'], message: 'c.nii.gz: study.tsv does not list this file.' });
  });

  it('a table main will not grant from still opens, with the reason as a warning', async () => {
    const store = createAppStore();
    const { host } = electronHost([]);
    (host as { grantTableFiles: unknown }).grantTableFiles = async () => {
      throw new Error('study.tsv: was not picked as a study table in this session; open it with File > Open study table.');
    };
    await importTableFile({ store, host, engine: null }, { path: '/data/study/study.tsv', name: 'study.tsv', size: TABLE.length }, []);
    const p = store.getState().pendingImport!;
    expect(p.rows).toHaveLength(4);
    expect(p.result.problems.map((x) => x.message)).toContain('study.tsv: was not picked as a study table in this session; open it with File > Open study table.');
  });
});
