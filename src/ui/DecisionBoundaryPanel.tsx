import { useEffect, useRef } from 'react';
import {
  classAreas,
  CLASS_COLOURS,
  paintBoundary,
  pointsAgreement,
} from '../charts/boundary/paint';
import { useLab } from '../state/store';
import { Card } from './Card';
import { formatPercent } from './format';

const SIZE = 320;

/**
 * For data with two features: the model's prediction over the plane, redrawn with every snapshot,
 * under the training points (as TensorFlow Playground draws it), so a cut shows what it costs.
 */
export function DecisionBoundaryPanel() {
  const grid = useLab((s) => s.snapshot?.boundary ?? null);
  const canvas = useRef<HTMLCanvasElement>(null);
  const classes = grid?.classNames.length ?? 2;
  useEffect(() => {
    const ctx = canvas.current?.getContext('2d');
    if (ctx && grid) paintBoundary(ctx, grid, classes, SIZE, SIZE);
  }, [grid, classes]);
  if (!grid) return null;
  const names = grid.classNames;
  const areas = classAreas(grid, classes);
  const agree = pointsAgreement(grid);
  const name = (k: number) => names[k] ?? `class ${k}`;
  const summary =
    `Decision boundary: ${areas.map((a, k) => `${name(k)} ${formatPercent(a)} of the plane`).join(', ')}; ` +
    `${formatPercent(agree)} of the ${grid.labels.length} training points shown fall on their own class.`;
  return (
    <Card
      className="span-boundary"
      title="Decision boundary"
      caption="What the pruned network predicts over the plane (stronger colour: more certain), with training points on top."
    >
      <div className="decision" data-testid="decision-boundary" data-agree={agree.toFixed(4)}>
        <canvas ref={canvas} width={SIZE} height={SIZE} role="img" aria-label={summary} />
        <ul className="decision-legend">
          {areas.map((a, k) => (
            <li key={k}>
              <span
                className="swatch"
                style={{ background: CLASS_COLOURS[k % CLASS_COLOURS.length] }}
              />
              {name(k)}: {formatPercent(a)} of the plane
            </li>
          ))}
          <li className="muted" data-testid="boundary-agree">
            {formatPercent(agree)} of the points shown on their own class
          </li>
        </ul>
      </div>
    </Card>
  );
}
