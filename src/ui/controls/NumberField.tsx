import type { ReactNode } from 'react';
import { useId, useState } from 'react';

/**
 * A number input that keeps what is typed until it parses, then reports it. Out-of-range or
 * unparsable text is marked and not sent.
 */
export function NumberField(props: {
  label: ReactNode;
  value: number;
  onChange(v: number): void;
  min?: number;
  max?: number;
  step?: number | 'any';
  integer?: boolean;
  /** Further rule a value must meet (strict bounds of a method setting). */
  check?(v: number): boolean;
  hint?: string;
  testId?: string;
}) {
  const id = useId();
  const [text, setText] = useState(String(props.value));
  // A new value from outside (a reset, the address) replaces the text unless it already says so.
  const [shown, setShown] = useState(props.value);
  if (props.value !== shown) {
    setShown(props.value);
    if (Number(text) !== props.value) setText(String(props.value));
  }
  const parse = (t: string): number | null => {
    const v = Number(t);
    if (t.trim() === '' || !Number.isFinite(v)) return null;
    if (props.integer && !Number.isInteger(v)) return null;
    if (props.min !== undefined && v < props.min) return null;
    if (props.max !== undefined && v > props.max) return null;
    if (props.check && !props.check(v)) return null;
    return v;
  };
  const bad = parse(text) === null;
  return (
    <label className="field" htmlFor={id}>
      <span className="field-label">{props.label}</span>
      <input
        id={id}
        type="number"
        inputMode="decimal"
        value={text}
        min={props.min}
        max={props.max}
        step={props.step ?? 'any'}
        aria-invalid={bad}
        data-testid={props.testId}
        onChange={(e) => {
          setText(e.target.value);
          const v = parse(e.target.value);
          if (v !== null && v !== props.value) props.onChange(v);
        }}
        onBlur={() => bad && setText(String(props.value))}
      />
      {props.hint && <span className="field-hint">{props.hint}</span>}
    </label>
  );
}
