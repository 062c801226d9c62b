import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { TableBuilder } from './table-builder';
import { LabelTableError, type LabelTable } from './types';

/**
 * FSL atlas XML: `<atlas><header><type>..</type></header><data><label index=".." x y z>Name</label>`.
 * FSL's convention (fslpy AtlasLabel): for Label atlases `index` is the voxel value; for
 * Probabilistic atlases `index` is the 0-based volume and the summary (maxprob) image holds
 * index + 1. A file without <type> is read as Probabilistic, with a warning.
 * Entities are never expanded: a DOCTYPE with declarations (XXE, billion laughs) is refused.
 */
export function parseFslXml(text: string, fileName: string): LabelTable {
  if (/<!ENTITY/i.test(text) || /<!DOCTYPE[^>]*\[/i.test(text)) {
    throw new LabelTableError(`${fileName}: XML with a DOCTYPE that declares entities is not accepted (entities are never expanded, for safety)`, fileName);
  }
  const valid = XMLValidator.validate(text, { allowBooleanAttributes: true });
  if (valid !== true) {
    const { msg, line } = valid.err;
    const open = /^Invalid '\[([^\]]*)\]' found/.exec(msg.replace(/\s+/g, ' '));
    const why = open ? `the file ends before these tags are closed: ${open[1].replace(/[\s"]/g, '')}` : msg.replace(/\s+/g, ' ').slice(0, 200);
    throw new LabelTableError(`${fileName}: not valid XML (line ${line}: ${why})`, fileName, line);
  }
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '@_',
    processEntities: false,
    htmlEntities: false,
    parseTagValue: false,
    parseAttributeValue: false,
    trimValues: true,
    isArray: (name) => name === 'label',
  });
  let doc: Record<string, unknown>;
  try {
    doc = parser.parse(text) as Record<string, unknown>;
  } catch (e) {
    const why = e instanceof RangeError ? 'nested too deeply' : e instanceof Error ? e.message.split('\n')[0] : 'unreadable';
    throw new LabelTableError(`${fileName}: not valid XML (${why})`, fileName);
  }
  const atlas = own(doc, 'atlas');
  const data = own(atlas, 'data');
  const labels = own(data, 'label');
  if (!Array.isArray(labels)) {
    throw new LabelTableError(`${fileName}: XML has no <atlas><data><label index="..."> entries; not an FSL atlas label file`, fileName);
  }
  const b = new TableBuilder(fileName);
  const typeRaw = own(own(atlas, 'header'), 'type');
  const type = typeof typeRaw === 'string' ? typeRaw.trim().toLowerCase() : '';
  const offset = type === 'label' ? 0 : 1;
  if (!type) b.warnings.add('no <type> in the header; read as a Probabilistic atlas (image value = index + 1)');
  labels.forEach((lab, k) => {
    let where = `label ${k + 1}`;
    const idxRaw = typeof lab === 'object' && lab !== null ? own(lab, '@_index') : undefined;
    const nameRaw = typeof lab === 'string' ? lab : typeof lab === 'object' && lab !== null ? own(lab, '#text') : undefined;
    if (typeof idxRaw !== 'string') {
      b.warnings.add(`${where}: missing index attribute; skipped`);
      return;
    }
    where += ` (index="${idxRaw.slice(0, 40)}")`;
    const idx = /^\s*\d+\s*$/.test(idxRaw) ? Number(idxRaw) + offset : idxRaw;
    b.add(idx, decodeXmlText(typeof nameRaw === 'string' ? nameRaw : String(nameRaw ?? '')), where);
  });
  return b.finish('fsl-xml');
}

function own(obj: unknown, key: string): unknown {
  if (typeof obj !== 'object' || obj === null || !Object.prototype.hasOwnProperty.call(obj, key)) return undefined;
  return (obj as Record<string, unknown>)[key];
}

/** The five predefined XML entities and numeric references; nothing else is expanded. */
export function decodeXmlText(s: string): string {
  if (!s.includes('&')) return s;
  return s.replace(/&(lt|gt|amp|quot|apos|#\d{1,7}|#x[0-9a-fA-F]{1,6});/g, (_m, e: string) => {
    switch (e) {
      case 'lt':
        return '<';
      case 'gt':
        return '>';
      case 'amp':
        return '&';
      case 'quot':
        return '"';
      case 'apos':
        return "'";
    }
    const code = e[1] === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : '';
  });
}
