import { useEffect, useState } from 'react';

/** A number box that commits on Enter or blur, so typing '-3.' does not redraw half-numbers. */
export function NumberField(props: { value: number | null; onCommit: (v: number | null) => void; label: string; allowEmpty?: boolean; step?: number; testId?: string }) {
  const { value, onCommit, label, allowEmpty, step, testId } = props;
  const [text, setText] = useState(value === null ? '' : String(value));
  useEffect(() => setText(value === null ? '' : String(value)), [value]);
  const commit = () => {
    const t = text.trim();
    if (t === '' && allowEmpty) return onCommit(null);
    const v = Number(t.replace('\u2212', '-'));
    if (Number.isFinite(v)) onCommit(v);
    else setText(value === null ? '' : String(value));
  };
  return (
    <input
      className="num"
      aria-label={label}
      title={label}
      data-testid={testId}
      inputMode="decimal"
      step={step}
      value={text}
      onChange={(e) => setText(e.target.value)}
      onBlur={commit}
      onKeyDown={(e) => e.key === 'Enter' && commit()}
    />
  );
}
