import type { ReactNode } from 'react';
import { useId } from 'react';
import { GLOSSARY } from './glossary';
import type { GlossaryId } from './glossary';

/**
 * Text that explains itself: hovering or focusing it (Tab reaches it) shows the glossary's
 * sentences for `terms` in a tooltip, which screen readers read as its description.
 */
export function Term(props: { terms: readonly GlossaryId[]; children: ReactNode }) {
  const id = useId();
  if (props.terms.length === 0) return <>{props.children}</>;
  return (
    <span className="term" tabIndex={0} aria-describedby={id} data-testid="term">
      {props.children}
      <span role="tooltip" id={id} className="term-tip">
        {props.terms.map((t) => (
          <span key={t} className="term-line">
            {GLOSSARY[t]}
          </span>
        ))}
      </span>
    </span>
  );
}
