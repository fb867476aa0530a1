import type { MethodInfo } from '../../worker/protocol';

const SPARSITY = {
  target: 'to a target sparsity',
  pattern: 'fixed by its pattern',
  threshold: 'by thresholds (Compare calibrates them to a target)',
  none: 'none: nothing is pruned',
} as const;

/** What a method declares about itself: gradient to cut weights, regrowth, how sparsity is set. */
export function MethodFacts(props: { method: MethodInfo }) {
  const m = props.method;
  const pruning = m.sparsity !== 'none';
  return (
    <ul className="facts" data-testid="method-facts" aria-label="What the method declares">
      <li>
        <span className="fact-key">Gradient</span>
        {!pruning
          ? 'dense, no masks'
          : m.gradient === 'dense'
            ? 'dense: cut weights keep learning'
            : 'masked: pruned weights get none'}
      </li>
      <li>
        <span className="fact-key">Regrowth</span>
        {!pruning ? '–' : m.canRegrow ? 'cut weights can come back' : 'cut weights stay cut'}
      </li>
      <li>
        <span className="fact-key">Sparsity</span>
        {SPARSITY[m.sparsity]}
      </li>
    </ul>
  );
}
