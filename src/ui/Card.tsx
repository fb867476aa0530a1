import type { ReactNode, Ref } from 'react';
import { ErrorBoundary } from './ErrorBoundary';
import type { GlossaryId } from './glossary';
import { Term } from './Term';

/** A titled view with its one-line caption; a failure inside shows a message in its place. */
export function Card({
  ref,
  ...props
}: {
  title: string;
  caption: ReactNode;
  className?: string;
  aside?: ReactNode;
  /** Glossary entries the title explains on hover and focus. */
  terms?: readonly GlossaryId[];
  /** The card's element (useInView watches it). */
  ref?: Ref<HTMLElement>;
  children: ReactNode;
}) {
  return (
    <section ref={ref} className={`card ${props.className ?? ''}`} aria-label={props.title}>
      <header className="card-head">
        <h2>
          <Term terms={props.terms ?? []}>{props.title}</Term>
        </h2>
        {props.aside}
      </header>
      <p className="caption">{props.caption}</p>
      <ErrorBoundary where={props.title}>{props.children}</ErrorBoundary>
    </section>
  );
}
