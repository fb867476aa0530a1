import { methodShort } from '../../charts/compare/methodStyle';
import type { SweepJob } from '../../core/train/sweepPlan';
import type { MethodInfo } from '../../worker/protocol';

/** Why a method runs as often as it does in the plan (planSweep's rules, in words). */
function why(m: MethodInfo | undefined, targets: number): string {
  if (!m) return '';
  if (m.sparsity === 'none') return 'no pruning: the dense reference';
  if (m.sparsity === 'pattern') return 'its pattern sets the sparsity';
  if (targets === 0) return 'its own default target';
  if (m.multiTarget) return 'one run per seed passes every target as a level';
  if (m.sparsity === 'threshold') return 'c calibrated to each target';
  return 'one run per target';
}

/** The planned queue in one line per method: how many runs and why. */
export function PlanSummary(props: { jobs: readonly SweepJob[]; methods: readonly MethodInfo[] }) {
  const counts = new Map<string, number>();
  for (const j of props.jobs) counts.set(j.method, (counts.get(j.method) ?? 0) + 1);
  const targets = Math.max(0, ...props.jobs.map((j) => j.targets?.length ?? 0));
  if (props.jobs.length === 0)
    return (
      <p className="plan" data-testid="compare-plan">
        Choose at least one method and one seed.
      </p>
    );
  return (
    <div className="plan" data-testid="compare-plan">
      <strong>
        {props.jobs.length} run{props.jobs.length === 1 ? '' : 's'}, one after another:
      </strong>
      <ul>
        {[...counts].map(([id, n]) => (
          <li key={id}>
            {methodShort(id)} × {n}{' '}
            <span className="muted">
              (
              {why(
                props.methods.find((m) => m.id === id),
                targets,
              )}
              )
            </span>
          </li>
        ))}
      </ul>
    </div>
  );
}
