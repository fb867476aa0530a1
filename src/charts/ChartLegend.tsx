/** A legend entry: a line sample in the series' colour (dashed for reference lines). */
export interface LegendItem {
  readonly label: string;
  readonly colour: string;
  readonly dashed?: boolean;
  /** Points, not a line (measurements that are not joined). */
  readonly marker?: boolean;
}

/** A plain HTML legend above a chart (cheaper than recharts' and never overlaps the plot). */
export function ChartLegend(props: { items: readonly LegendItem[] }) {
  return (
    <ul className="chart-legend">
      {props.items.map((i) => (
        <li key={i.label}>
          <svg width="22" height="10" aria-hidden="true">
            {i.marker ? (
              <>
                <circle cx="5" cy="5" r="3.5" fill={i.colour} fillOpacity={0.35} />
                <circle cx="16" cy="5" r="3.5" fill={i.colour} />
              </>
            ) : (
              <line
                x1="1"
                y1="5"
                x2="21"
                y2="5"
                stroke={i.colour}
                strokeWidth="3"
                strokeDasharray={i.dashed ? '5 3' : undefined}
              />
            )}
          </svg>
          {i.label}
        </li>
      ))}
    </ul>
  );
}
