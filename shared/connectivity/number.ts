const POW10 = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22];

/**
 * Why the last parseDecimal call failed: 0 = it returned a number, else one of the codes below.
 * A status field rather than a non-number return value keeps the hot path monomorphic (doubles
 * stay unboxed in V8), which is most of the parsing speed.
 */
export const parseStatus = { code: 0 };
export const NOT_A_NUMBER = 1;
export const OUT_OF_RANGE = 2;

/**
 * Parse a decimal number in text[start, end) without making a substring. Fast path (Clinger):
 * with at most 15 significant digits and a power of ten up to 1e22, m / 10^k or m * 10^k is one
 * correctly rounded operation on exact operands, so the result equals strtod's. Anything else
 * goes through Number(). NaN and Inf spellings give NaN / +-Infinity; overflow (1e400) is out of range.
 * On failure returns NaN with parseStatus.code set.
 */
export function parseDecimal(text: string, start: number, end: number): number {
  parseStatus.code = 0;
  let p = start;
  let neg = false;
  let c = text.charCodeAt(p);
  if (c === 45 || c === 43) {
    neg = c === 45;
    p++;
  }
  let m = 0;
  let digits = 0;
  let sig = 0;
  let scale = 0;
  let any = false;
  for (; p < end; p++) {
    c = text.charCodeAt(p);
    const d = c - 48;
    if (d < 0 || d > 9) break;
    any = true;
    if (sig > 0 || d !== 0) sig++;
    m = m * 10 + d;
    digits++;
  }
  if (c === 46 && p < end) {
    p++;
    for (; p < end; p++) {
      c = text.charCodeAt(p);
      const d = c - 48;
      if (d < 0 || d > 9) break;
      any = true;
      if (sig > 0 || d !== 0) sig++;
      m = m * 10 + d;
      scale--;
      digits++;
    }
  }
  if (!any) return special(text, start, end);
  let exp = 0;
  if (p < end && (c === 101 || c === 69)) {
    p++;
    let eneg = false;
    c = text.charCodeAt(p);
    if (c === 45 || c === 43) {
      eneg = c === 45;
      p++;
    }
    let eany = false;
    for (; p < end; p++) {
      const d = text.charCodeAt(p) - 48;
      if (d < 0 || d > 9) break;
      eany = true;
      if (exp < 100000) exp = exp * 10 + d;
    }
    if (!eany) return bad(NOT_A_NUMBER);
    if (eneg) exp = -exp;
  }
  if (p !== end) return bad(NOT_A_NUMBER);
  const k = scale + exp;
  let v: number;
  if (sig <= 15 && digits <= 300 && k >= -22 && k <= 22) v = k < 0 ? m / POW10[-k] : m * POW10[k];
  else v = Number(text.slice(neg || text.charCodeAt(start) === 43 ? start + 1 : start, end));
  if (!Number.isFinite(v)) return bad(OUT_OF_RANGE);
  return neg ? -v : v;
}

function bad(code: number): number {
  parseStatus.code = code;
  return NaN;
}

function special(text: string, start: number, end: number): number {
  if (end - start > 10) return bad(NOT_A_NUMBER);
  switch (text.slice(start, end).toLowerCase()) {
    case 'nan':
    case '+nan':
    case '-nan':
    case 'na':
      return NaN;
    case 'inf':
    case '+inf':
    case 'infinity':
    case '+infinity':
      return Infinity;
    case '-inf':
    case '-infinity':
      return -Infinity;
  }
  return bad(NOT_A_NUMBER);
}
