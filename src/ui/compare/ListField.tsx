import type { ReactNode } from 'react';
import { useId, useState } from 'react';

/** Parses "90, 95 98" into numbers, or null when any entry is not one `accept` allows. */
export function parseList(text: string, accept: (v: number) => boolean): number[] | null {
  const parts = text.split(/[\s,;]+/).filter((p) => p !== '');
  const xs = parts.map(Number);
  return xs.every((x) => Number.isFinite(x) && accept(x)) ? xs : null;
}

/**
 * A list of numbers typed as text ("90, 95"). It keeps what is typed until it parses, then
 * reports the values; text that does not parse is marked and not sent.
 */
export function ListField(props: {
  label: ReactNode;
  values: readonly number[];
  onChange(values: number[]): void;
  accept(v: number): boolean;
  hint: string;
  testId: string;
  /** How values are shown (e.g. fractions as percentages). */
  show?: (v: number) => string;
  read?: (v: number) => number;
}) {
  const id = useId();
  const show = props.show ?? String;
  const read = props.read ?? ((v: number) => v);
  const shownText = props.values.map(show).join(', ');
  const [text, setText] = useState(shownText);
  const [shown, setShown] = useState(shownText);
  if (shownText !== shown) {
    setShown(shownText);
    const parsed = parseList(text, props.accept);
    if (!parsed || parsed.map(read).join() !== props.values.join()) setText(shownText);
  }
  const bad = parseList(text, props.accept) === null;
  return (
    <label className="field" htmlFor={id}>
      <span className="field-label">{props.label}</span>
      <input
        id={id}
        type="text"
        inputMode="decimal"
        value={text}
        aria-invalid={bad}
        data-testid={props.testId}
        onChange={(e) => {
          setText(e.target.value);
          const v = parseList(e.target.value, props.accept);
          if (v) props.onChange(v.map(read));
        }}
        onBlur={() => bad && setText(shownText)}
      />
      <span className="field-hint">{props.hint}</span>
    </label>
  );
}
