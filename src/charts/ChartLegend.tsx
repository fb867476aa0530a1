/** A legend entry: a line sample in the series' colour (dashed for reference lines). */
export interface LegendItem {
  readonly label: string;
  readonly colour: string;
  readonly dashed?: boolean;
}

/** A plain HTML legend above a chart (cheaper than recharts' and never overlaps the plot). */
export function ChartLegend(props: { items: readonly LegendItem[] }) {
  return (
    <ul className="chart-legend">
      {props.items.map((i) => (
        <li key={i.label}>
          <svg width="22" height="10" aria-hidden="true">
            <line
              x1="1"
              y1="5"
              x2="21"
              y2="5"
              stroke={i.colour}
              strokeWidth="3"
              strokeDasharray={i.dashed ? '5 3' : undefined}
            />
          </svg>
          {i.label}
        </li>
      ))}
    </ul>
  );
}
