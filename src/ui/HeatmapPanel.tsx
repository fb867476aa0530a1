import { useLab } from '../state/store';
import { Card } from './Card';
import { HandBar } from './HandBar';
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
  const projector = useLab((s) => s.projector);
  return (
    <Card
      className="span-heat"
      title="Connections"
      terms={['mask', 'cut', 'splice']}
      caption={`One pixel per weight: across = inputs, down = units. Rings mark connections cut${regrow ? ' or spliced back' : ''} since the previous frame; hover a pixel for its history.`}
      aside={<Legend />}
    >
      <HandBar />
      <div ref={ref} className="heatmaps">
        {layers ? (
          layers.map((l, k) => (
            <HeatmapCanvas
              key={`${k}:${l.name}:${l.rows}x${l.cols}`}
              layer={l}
              index={k}
              width={width}
              maxHeight={k === 0 ? (projector ? 340 : 300) : projector ? 170 : 150}
            />
          ))
        ) : (
          <p className="placeholder">The network appears here once it is built.</p>
        )}
      </div>
    </Card>
  );
}
