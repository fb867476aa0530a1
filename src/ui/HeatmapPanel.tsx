import { useLab } from '../state/store';
import { Card } from './Card';
import { HeatmapCanvas } from './HeatmapCanvas';
import { Legend } from './Legend';
import { useElementWidth } from './useElementWidth';

/** Every connection of every layer, coloured by state. */
export function HeatmapPanel() {
  const layers = useLab((s) => s.run.info?.layers);
  const regrow = useLab(
    (s) => s.methods.find((m) => m.id === (s.applied ?? s.config).method)?.canRegrow ?? true,
  );
  const [ref, width] = useElementWidth<HTMLDivElement>();
  return (
    <Card
      className="span-heat"
      title="Connections"
      terms={['mask', 'cut', 'splice']}
      caption={`One pixel per weight: across = inputs, down = units. Rings mark connections cut${regrow ? ' or spliced back' : ''} since the previous frame; hover a pixel for its history.`}
      aside={<Legend />}
    >
      <div ref={ref} className="heatmaps">
        {layers ? (
          layers.map((l, k) => (
            <HeatmapCanvas
              key={`${k}:${l.name}:${l.rows}x${l.cols}`}
              layer={l}
              index={k}
              width={width}
              maxHeight={k === 0 ? 300 : 150}
            />
          ))
        ) : (
          <p className="placeholder">The network appears here once it is built.</p>
        )}
      </div>
    </Card>
  );
}
