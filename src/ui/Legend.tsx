import { cellColours, legendFor } from '../charts/heatmap/palette';
import { useLab } from '../state/store';

/**
 * What the heatmap colours mean ("just" = since the previous snapshot shown), for the run's
 * method: a method whose cut weights stay cut never shows "just spliced back", and the dense
 * baseline shows alive weights only.
 */
export function Legend() {
  const method = useLab((s) => s.methods.find((m) => m.id === (s.applied ?? s.config).method));
  const theme = useLab((s) => s.theme);
  const entries = legendFor(cellColours(theme)).filter((e) => {
    if (!method) return true;
    if (method.sparsity === 'none') return e.colours.length > 1;
    return method.canRegrow || e.id !== 'justSpliced';
  });
  return (
    <ul className="legend" aria-label="Heatmap colours" data-testid="heatmap-legend">
      {entries.map((e) => (
        <li key={e.label}>
          <span
            className="swatch"
            style={{
              background:
                e.colours.length > 1
                  ? `linear-gradient(90deg, ${e.colours.join(', ')})`
                  : e.colours[0],
            }}
          />
          {e.label}
        </li>
      ))}
    </ul>
  );
}
