import { describe, expect, it } from 'vitest';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { divergingColour, escapeXml, matrixSvg } from '../../../shared/connectivity';

const names = ['Amygdala_L', 'Hippocampus_R', 'A & <B>'];
// t matrix with an empty diagonal: +4 between 0 and 1, -2 between 0 and 2, 0.5 between 1 and 2.
const t = [NaN, 4, -2, 4, NaN, 0.5, -2, 0.5, NaN];

describe('matrixSvg', () => {
  const svg = matrixSvg({ title: 'MDMA − placebo', names, values: t, limit: 4, unit: 't', shown: (i, j) => i + j === 1, notice: 'Simulated demo: not real data' });
  const doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(svg);

  it('is well-formed SVG with a cell per off-diagonal entry', () => {
    expect(XMLValidator.validate(svg)).toBe(true);
    const cells = doc.svg.g.find((g: { id: string }) => g.id === 'cells').rect;
    expect(cells).toHaveLength(6);
  });

  it('colours cells as the on-screen heatmap and fades those below threshold', () => {
    const cells = doc.svg.g.find((g: { id: string }) => g.id === 'cells').rect as { x: string; y: string; fill: string; 'fill-opacity'?: string; title: string }[];
    const at = (i: number, j: number) => cells.find((c) => c.title.startsWith(`${names[i]} – ${names[j]}:`))!;
    expect(at(0, 1).fill).toBe('rgb(178,24,43)'); // +limit: full red
    expect(at(0, 1)['fill-opacity']).toBeUndefined();
    const [r, g, b] = divergingColour(-2, 4);
    expect(at(0, 2).fill).toBe(`rgb(${r},${g},${b})`);
    expect([r, g, b]).toEqual([140, 175, 210]); // halfway from white to blue
    expect(at(0, 2)['fill-opacity']).toBe('0.18');
    expect(at(0, 1).title).toBe('Amygdala_L – Hippocampus_R: 4.000 t');
  });

  it('labels both axes with escaped names, carries a vector colour bar with its unit, and the notice', () => {
    expect(svg).toContain('A &amp; &lt;B&gt;');
    expect(svg).not.toContain('A & <B>');
    const labels = doc.svg.g.find((g: { id: string }) => g.id === 'labels').text;
    expect(labels).toHaveLength(6);
    const bar = doc.svg.g.find((g: { id: string }) => g.id === 'colourbar');
    expect(bar.rect.fill).toBe('url(#bar)');
    expect(bar.text.map((x: { '#text': string | number }) => String(x['#text']))).toEqual(['4', '0', '-4', 't']);
    expect(doc.svg.defs.linearGradient.stop).toHaveLength(5);
    expect(svg).toContain('Simulated demo: not real data');
  });

  it('refuses values that do not match the names', () => {
    expect(() => matrixSvg({ title: '', names, values: [1, 2], limit: 1, unit: 't' })).toThrow(/2 values for 3 nodes/);
  });

  it('escapeXml escapes the five XML specials', () => {
    expect(escapeXml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&apos;&amp;&apos;&lt;/a&gt;');
  });
});
