import type { ReactNode } from 'react';
import { ErrorBoundary } from './ErrorBoundary';

/** A titled view with its one-line caption; a failure inside shows a message in its place. */
export function Card(props: {
  title: string;
  caption: ReactNode;
  className?: string;
  aside?: ReactNode;
  children: ReactNode;
}) {
  return (
    <section className={`card ${props.className ?? ''}`} aria-label={props.title}>
      <header className="card-head">
        <h2>{props.title}</h2>
        {props.aside}
      </header>
      <p className="caption">{props.caption}</p>
      <ErrorBoundary where={props.title}>{props.children}</ErrorBoundary>
    </section>
  );
}
