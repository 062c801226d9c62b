import { TableBuilder } from './table-builder';
import { LABEL_LIMITS, LabelTableError, type LabelTable } from './types';

const FORBIDDEN_KEYS = ['__proto__', 'constructor', 'prototype'];

/**
 * niivue label JSON: `{"labels": [names]}` or `{"R":[],"G":[],"B":[],"A"?:[],"I"?:[],"labels":[]}`.
 * As in niivue, without `I` the name at position k labels voxel value k (from 0, where 0 is
 * usually the background); with `I`, labels[k] names value I[k].
 */
export function parseNiivueJson(text: string, fileName: string): LabelTable {
  const expected = 'expected {"labels": [names...]} (niivue label format)';
  const depth = maxDepth(text);
  if (depth > LABEL_LIMITS.maxJsonDepth) {
    throw new LabelTableError(`${fileName}: JSON is nested ${depth > 100000 ? 'more than 100000' : depth} levels deep; ${expected}`, fileName);
  }
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    const why = e instanceof Error ? e.message.split('\n')[0] : 'unreadable';
    throw new LabelTableError(`${fileName}: not valid JSON (${why}); ${expected}`, fileName);
  }
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) {
    throw new LabelTableError(`${fileName}: top level is not an object; ${expected}`, fileName);
  }
  for (const k of FORBIDDEN_KEYS) {
    if (Object.prototype.hasOwnProperty.call(doc, k)) {
      throw new LabelTableError(`${fileName}: key "${k}" is not allowed in a label file; ${expected}`, fileName);
    }
  }
  const o = doc as Record<string, unknown>;
  const labels = o.labels;
  if (!Array.isArray(labels)) {
    throw new LabelTableError(`${fileName}: "labels" is ${labels === undefined ? 'missing' : 'not an array'}; ${expected}`, fileName);
  }
  if (labels.length > LABEL_LIMITS.maxEntries) {
    throw new LabelTableError(`${fileName}: "labels" has ${labels.length} names, more than the ${LABEL_LIMITS.maxEntries} supported`, fileName);
  }
  const idx = o.I;
  if (idx !== undefined && (!Array.isArray(idx) || idx.length !== labels.length)) {
    throw new LabelTableError(`${fileName}: "I" must be an array of label values as long as "labels" (${labels.length})`, fileName);
  }
  const chan = (key: string): unknown[] | null => {
    const v = o[key];
    return Array.isArray(v) && v.length === labels.length ? v : null;
  };
  const R = chan('R');
  const G = chan('G');
  const B = chan('B');
  const b = new TableBuilder(fileName);
  labels.forEach((name, k) => {
    const where = `labels[${k}]`;
    if (typeof name !== 'string') {
      b.warnings.add(`${where} is not a text name; skipped`);
      return;
    }
    if (name.trim() === '') return; // niivue leaves unused values unnamed
    const value = idx ? (idx as unknown[])[k] : k;
    if (typeof value !== 'number') {
      b.warnings.add(`${where}: I[${k}] is not a number; skipped`);
      return;
    }
    let color: [number, number, number] | undefined;
    if (R && G && B) {
      const c = [R[k], G[k], B[k]].map((v) => (typeof v === 'number' && Number.isFinite(v) ? Math.round(Math.min(255, Math.max(0, v))) : NaN));
      if (c.every((v) => !Number.isNaN(v))) color = [c[0], c[1], c[2]];
    }
    b.add(value, name, where, color);
  });
  return b.finish('niivue-json');
}

/** Bracket depth outside strings, counted without recursion (JSON.parse itself can overflow). */
export function maxDepth(text: string): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92) i++; // backslash escapes the next char
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 91 || c === 123) {
      if (++depth > max) max = depth;
    } else if (c === 93 || c === 125) depth--;
  }
  return max;
}
