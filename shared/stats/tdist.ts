// Student t distribution through the regularized incomplete beta function.
// Accuracy target: agree with scipy.stats.t.sf to 1e-10 (relative in the far tail), which
// rules out the usual float tricks: log-beta is built to avoid cancellation for large dof,
// and 1 - x is never formed by subtraction.

const LANCZOS_G = 7;
const LANCZOS = [
  0.9999999999998099, 676.5203681218851, -1259.1392167224028, 771.3234287776531, -176.6150291621406,
  12.507343278686905, -0.13857109526572012, 9.984369578019572e-6, 1.5056327351493116e-7,
];
const HALF_LOG_2PI = 0.9189385332046728;

/** ln Γ(x) for x > 0 (Lanczos, ~1e-15 relative). */
export function logGamma(x: number): number {
  if (x < 0.5) {
    // Reflection keeps the Lanczos series in its accurate range.
    return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - logGamma(1 - x);
  }
  const z = x - 1;
  let s = LANCZOS[0];
  for (let i = 1; i < LANCZOS_G + 2; i++) s += LANCZOS[i] / (z + i);
  const t = z + LANCZOS_G + 0.5;
  return HALF_LOG_2PI + (z + 0.5) * Math.log(t) - t + Math.log(s);
}

/** Stirling remainder: ln Γ(x) - [(x - 0.5) ln x - x + ln √(2π)], for x >= 10. */
function stirlingRemainder(x: number): number {
  const r = 1 / (x * x);
  return (1 / x) * (1 / 12 - r * (1 / 360 - r * (1 / 1260 - r * (1 / 1680 - r / 1188))));
}

/** ln B(a, b) without the cancellation of ln Γ(a) + ln Γ(b) - ln Γ(a+b) when one argument is large. */
export function logBeta(a: number, b: number): number {
  const big = Math.max(a, b);
  const small = Math.min(a, b);
  if (big < 10) return logGamma(a) + logGamma(b) - logGamma(a + b);
  // ln Γ(big) - ln Γ(big+small) written so the two huge terms cancel analytically.
  const diff =
    -(big - 0.5) * Math.log1p(small / big) -
    small * Math.log(big + small) +
    small +
    stirlingRemainder(big) -
    stirlingRemainder(big + small);
  return logGamma(small) + diff;
}

const CF_EPS = 1e-16;
const CF_TINY = 1e-300;
const CF_MAX_ITER = 20000;

/** Continued fraction of I_x(a,b) (Numerical Recipes betacf, modified Lentz). */
function betaContinuedFraction(a: number, b: number, x: number): number {
  const qab = a + b;
  const qap = a + 1;
  const qam = a - 1;
  let c = 1;
  let d = 1 - (qab * x) / qap;
  if (Math.abs(d) < CF_TINY) d = CF_TINY;
  d = 1 / d;
  let h = d;
  for (let m = 1; m <= CF_MAX_ITER; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((qam + m2) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < CF_TINY) d = CF_TINY;
    c = 1 + aa / c;
    if (Math.abs(c) < CF_TINY) c = CF_TINY;
    d = 1 / d;
    h *= d * c;
    aa = (-(a + m) * (qab + m) * x) / ((a + m2) * (qap + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < CF_TINY) d = CF_TINY;
    c = 1 + aa / c;
    if (Math.abs(c) < CF_TINY) c = CF_TINY;
    d = 1 / d;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) < CF_EPS) return h;
  }
  return h; // converged to double precision in every case we test; never reached in practice
}

/**
 * Regularized incomplete beta I_x(a, b), given both x and y = 1 - x (callers compute y
 * directly so that a tiny 1 - x keeps its precision). `logX`/`logY` may be passed when known.
 */
export function incompleteBeta(a: number, b: number, x: number, y = 1 - x, lnBeta = logBeta(a, b)): number {
  if (!(x >= 0 && y >= 0)) return NaN;
  if (x === 0) return 0;
  if (y === 0) return 1;
  const logX = x < 0.5 ? Math.log(x) : Math.log1p(-y);
  const logY = y < 0.5 ? Math.log(y) : Math.log1p(-x);
  const front = Math.exp(a * logX + b * logY - lnBeta);
  if (x < (a + 1) / (a + b + 2)) return (front * betaContinuedFraction(a, b, x)) / a;
  return 1 - (front * betaContinuedFraction(b, a, y)) / b;
}

/**
 * Upper tail P(T > t) for Student t with `dof` degrees of freedom (dof > 0, may be fractional).
 * `lnBeta` = logBeta(dof/2, 0.5) can be passed to save work in voxel loops.
 */
export function tSurvival(t: number, dof: number, lnBeta = logBeta(dof / 2, 0.5)): number {
  if (Number.isNaN(t) || !(dof > 0)) return NaN;
  if (t === Infinity) return 0;
  if (t === -Infinity) return 1;
  const t2 = t * t;
  const denom = dof + t2;
  // P(|T| > |t|) = I_{dof/(dof+t²)}(dof/2, 1/2)
  const twoTail = incompleteBeta(dof / 2, 0.5, dof / denom, t2 / denom, lnBeta);
  return t > 0 ? 0.5 * twoTail : 1 - 0.5 * twoTail;
}

/** Student t CDF P(T <= t). */
export function tCdf(t: number, dof: number): number {
  return tSurvival(-t, dof);
}

/**
 * p from t and dof: one-sided is the upper tail P(T > t); two-sided is P(|T| > |t|).
 * `lnBeta` = logBeta(dof/2, 0.5) may be passed by callers looping over many t with one dof.
 */
export function tToP(t: number, dof: number, sided: 1 | 2, lnBeta?: number): number {
  if (sided === 2) {
    if (Number.isNaN(t) || !(dof > 0)) return NaN;
    if (!Number.isFinite(t)) return 0;
    const t2 = t * t;
    const denom = dof + t2;
    return Math.min(1, incompleteBeta(dof / 2, 0.5, dof / denom, t2 / denom, lnBeta ?? logBeta(dof / 2, 0.5)));
  }
  return tSurvival(t, dof, lnBeta ?? logBeta(dof / 2, 0.5));
}

/**
 * The t whose p (as tToP defines it) equals `p`. Two-sided returns |t| >= 0; one-sided
 * returns a negative t for p > 0.5. Solved by bisection on the exact CDF, so it inherits its accuracy.
 */
export function pToT(p: number, dof: number, sided: 1 | 2): number {
  if (Number.isNaN(p) || !(dof > 0) || p < 0 || p > 1) return NaN;
  if (sided === 1) {
    if (p === 0.5) return 0;
    if (p > 0.5) return -pToT(1 - p, dof, 1);
    return solveTail(p * 2, dof);
  }
  return solveTail(p, dof);
}

/** t >= 0 with two-sided p(t) = target. */
function solveTail(target: number, dof: number): number {
  if (target >= 1) return 0;
  if (target <= 0) return Infinity;
  const lnBeta = logBeta(dof / 2, 0.5);
  const twoSided = (t: number) => {
    const t2 = t * t;
    const denom = dof + t2;
    return incompleteBeta(dof / 2, 0.5, dof / denom, t2 / denom, lnBeta);
  };
  let lo = 0;
  let hi = 1;
  while (twoSided(hi) > target) {
    lo = hi;
    hi *= 2;
    if (hi > 1e300) return Infinity;
  }
  // p is monotone in t; bisect to the last bit.
  for (let i = 0; i < 200; i++) {
    const mid = 0.5 * (lo + hi);
    if (mid === lo || mid === hi) break;
    if (twoSided(mid) > target) lo = mid;
    else hi = mid;
  }
  return 0.5 * (lo + hi);
}
