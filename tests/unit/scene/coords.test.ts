import { describe, expect, it } from 'vitest';
import { formatMm, parseMmText } from '../../../shared/scene';

describe('parseMmText', () => {
  it.each([
    ['-24 -4 -18', [-24, -4, -18]],
    ['-24, -4, -18', [-24, -4, -18]],
    ['(-24,-4,-18)', [-24, -4, -18]],
    ['[ 30.5; -2; 1e1 ]', [30.5, -2, 10]],
    ['\u221224 \u22124 \u221218', [-24, -4, -18]],
    ['x y z', null],
    ['1 2', null],
    ['1 2 3 4', null],
    ['1 2 3abc', null],
    ['', null],
  ])('%s', (text, expected) => {
    expect(parseMmText(text)).toEqual(expected);
  });
});

describe('formatMm', () => {
  it('rounds and never prints -0.0', () => {
    expect(formatMm([-0.04, 12.345, -71])).toBe('0.0, 12.3, -71.0');
  });
});
