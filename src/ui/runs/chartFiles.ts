/** A chart on screen that can be saved: its card's title and the SVG or canvas that draws it. */
export interface ChartTarget {
  readonly title: string;
  readonly svg: SVGSVGElement | null;
  readonly canvas: HTMLCanvasElement | null;
}

function slug(s: string): string {
  return (
    s
      .replace(/[^A-Za-z0-9]+/g, '-')
      .replace(/^-|-$/g, '')
      .toLowerCase() || 'chart'
  );
}

/** The charts of the views on screen: each card's largest SVG chart, and each canvas. */
export function findCharts(root: ParentNode = document): ChartTarget[] {
  const out: ChartTarget[] = [];
  for (const card of root.querySelectorAll<HTMLElement>('main.views section.card')) {
    const title = card.getAttribute('aria-label') ?? 'chart';
    const svgs = [...card.querySelectorAll<SVGSVGElement>('svg.recharts-surface')];
    const svg = svgs.sort((a, b) => area(b) - area(a))[0];
    if (svg && area(svg) > 2000) out.push({ title, svg, canvas: null });
    // Drawn canvases only (not hover overlays); a heatmap is named by its layer.
    const canvases = [...card.querySelectorAll('canvas')].filter(
      (c) => c.width > 0 && c.getAttribute('aria-hidden') !== 'true',
    );
    canvases.forEach((canvas, k) => {
      const layer = canvas.dataset['layer'];
      const name = layer ? `${title} ${layer}` : canvases.length > 1 ? `${title} ${k + 1}` : title;
      out.push({ title: name, svg: null, canvas });
    });
  }
  return out;
}

function area(e: Element): number {
  const r = e.getBoundingClientRect();
  return r.width * r.height;
}

/**
 * Standalone SVG text of a chart: namespace, size, white background and the page's font, added
 * to the serialised text (setting a style attribute in the page would break its CSP).
 */
export function svgText(svg: SVGSVGElement): string {
  const r = svg.getBoundingClientRect();
  const style = getComputedStyle(svg);
  const family = style.fontFamily.replace(/["<>&]/g, '');
  const size = style.fontSize.replace(/["<>&]/g, '');
  const text = new XMLSerializer().serializeToString(svg);
  const open = text.indexOf('>');
  const head = text
    .slice(0, open)
    .replace(/\s(width|height)="[^"]*"/g, '')
    .replace(/^<svg/, `<svg width="${Math.round(r.width)}" height="${Math.round(r.height)}"`);
  const ns = head.includes('xmlns=') ? '' : ' xmlns="http://www.w3.org/2000/svg"';
  const bg = `<rect width="100%" height="100%" fill="#fff"/><g font-family="${family}" font-size="${size}">`;
  return `<?xml version="1.0" encoding="UTF-8"?>\n${head}${ns}>${bg}${text.slice(open + 1).replace(/<\/svg>\s*$/, '</g></svg>')}`;
}

/** A PNG of a chart: canvases as drawn (1 px per weight), SVGs rendered at twice their size. */
export async function pngOf(t: ChartTarget): Promise<Blob> {
  let canvas = t.canvas;
  if (!canvas && t.svg) {
    const text = svgText(t.svg);
    const r = t.svg.getBoundingClientRect();
    const img = new Image();
    const url = URL.createObjectURL(new Blob([text], { type: 'image/svg+xml' }));
    try {
      img.src = url;
      await img.decode();
      canvas = document.createElement('canvas');
      canvas.width = Math.round(r.width * 2);
      canvas.height = Math.round(r.height * 2);
      const ctx = canvas.getContext('2d')!;
      ctx.fillStyle = '#fff';
      ctx.fillRect(0, 0, canvas.width, canvas.height);
      ctx.drawImage(img, 0, 0, canvas.width, canvas.height);
    } finally {
      URL.revokeObjectURL(url);
    }
  }
  if (!canvas) throw new Error('nothing to draw');
  const c = canvas;
  return new Promise((resolve, reject) =>
    c.toBlob(
      (b) => (b ? resolve(b) : reject(new Error('the chart could not be drawn'))),
      'image/png',
    ),
  );
}

/** File name of a chart export. */
export function chartFileName(stem: string, t: ChartTarget, ext: 'svg' | 'png'): string {
  return `${stem}-${slug(t.title)}.${ext}`;
}
