import { LEGEND } from '../charts/heatmap/palette';

/** What the heatmap colours mean ("just" = since the previous snapshot shown). */
export function Legend() {
  return (
    <ul className="legend" aria-label="Heatmap colours">
      {LEGEND.map((e) => (
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
