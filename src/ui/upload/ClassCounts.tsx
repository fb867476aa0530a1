import type { ClassCount } from '../../core/data/upload/errors';
import { formatInt, formatPercent } from '../format';

/** Classes with their counts as bars; the smallest is marked when the imbalance is heavy. */
export function ClassCounts(props: {
  classes: readonly ClassCount[];
  heavy: boolean;
  ratio: number;
}) {
  const total = props.classes.reduce((s, c) => s + c.count, 0);
  const max = Math.max(1, ...props.classes.map((c) => c.count));
  const min = Math.min(...props.classes.map((c) => c.count));
  return (
    <>
      <ul className="class-counts" data-testid="upload-classes">
        {props.classes.map((c) => (
          <li key={c.name} className={props.heavy && c.count === min ? 'is-small' : ''}>
            <span className="class-name" title={c.name}>
              {c.name}
            </span>
            <span className="class-bar" aria-hidden="true">
              <span style={{ width: `${(100 * c.count) / max}%` }} />
            </span>
            <span className="class-count">
              {formatInt(c.count)} <small>({formatPercent(c.count / Math.max(1, total))})</small>
            </span>
          </li>
        ))}
      </ul>
      <p className="field-hint">
        Largest / smallest class: {props.ratio.toFixed(1)}×
        {props.heavy ? ' — heavily imbalanced (see the note above).' : '.'}
      </p>
    </>
  );
}
