import { useEffect, useMemo, useRef } from 'react';
import type { ClassSamples, ImageReport } from '../../core/data/upload/types';
import { formatInt } from '../format';
import { sampleStrip } from './samplePixels';

/** Shown height of one sample, in CSS pixels (small images are scaled up, pixelated). */
const SHOWN_PX = 44;

/** Sample images of every class, as the model will see them (resized, grayscale or RGB). */
export function SampleGrid({ report }: { report: ImageReport }) {
  const counts = new Map(report.classes.map((c) => [c.name, c.count]));
  const sizes = report.sizes
    .slice(0, 3)
    .map((s) => `${s.width}×${s.height}`)
    .join(', ');
  return (
    <>
      <h3>Samples per class</h3>
      <div className="sample-grid" data-testid="upload-samples">
        {report.samples.map((s) => (
          <div key={s.classIndex} className="sample-row">
            <span className="class-name" title={s.className}>
              {s.className} <small>({formatInt(counts.get(s.className) ?? 0)})</small>
            </span>
            <SampleStrip samples={s} shape={report.inputShape} />
          </div>
        ))}
      </div>
      <p className="field-hint">
        Source sizes: {sizes}
        {report.distinctSizes > 3 ? ` and ${report.distinctSizes - 3} more` : ''}
        {report.resized > 0 ? ` · ${formatInt(report.resized)} resized` : ''} · shown as the model
        sees them ({report.inputShape[1]}×{report.inputShape[0]}
        {report.color === 'rgb' ? ', RGB' : ', grayscale'}).
      </p>
    </>
  );
}

function SampleStrip(props: { samples: ClassSamples; shape: readonly [number, number, number] }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const [h, w, c] = props.shape;
  const strip = useMemo(
    () => sampleStrip(props.samples.images, h, w, c, Math.max(1, Math.round(w / 14))),
    [props.samples.images, h, w, c],
  );
  useEffect(() => {
    const ctx = canvas.current?.getContext('2d');
    if (!ctx) return;
    ctx.putImageData(new ImageData(strip.rgba, strip.width, strip.height), 0, 0);
  }, [strip]);
  const scale = SHOWN_PX / h;
  return (
    <canvas
      ref={canvas}
      className="sample-strip"
      data-testid="upload-sample-strip"
      width={strip.width}
      height={strip.height}
      aria-label={`${props.samples.images.length} samples of ${props.samples.className}`}
      style={{
        width: `${Math.round(strip.width * scale)}px`,
        height: `${SHOWN_PX}px`,
        imageRendering: scale >= 1 ? 'pixelated' : 'auto',
      }}
    />
  );
}
