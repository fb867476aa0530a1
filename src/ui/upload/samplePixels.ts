/**
 * A strip of sample images for one class as RGBA pixels: images side by side with a `gap` of
 * background between them. Each image is height*width*channels bytes (1 gray or 3 RGB).
 */
export function sampleStrip(
  images: readonly Uint8Array[],
  height: number,
  width: number,
  channels: number,
  gap = 1,
  background: readonly [number, number, number] = [255, 255, 255],
): { width: number; height: number; rgba: Uint8ClampedArray<ArrayBuffer> } {
  const n = images.length;
  const stripW = Math.max(1, n * width + Math.max(0, n - 1) * gap);
  const rgba = new Uint8ClampedArray(stripW * height * 4);
  for (let i = 0; i < rgba.length; i += 4) {
    rgba[i] = background[0];
    rgba[i + 1] = background[1];
    rgba[i + 2] = background[2];
    rgba[i + 3] = 255;
  }
  images.forEach((img, k) => {
    const x0 = k * (width + gap);
    for (let y = 0; y < height; y++)
      for (let x = 0; x < width; x++) {
        const src = (y * width + x) * channels;
        const dst = (y * stripW + x0 + x) * 4;
        const r = img[src] ?? 0;
        rgba[dst] = r;
        rgba[dst + 1] = channels >= 3 ? (img[src + 1] ?? 0) : r;
        rgba[dst + 2] = channels >= 3 ? (img[src + 2] ?? 0) : r;
      }
  });
  return { width: stripW, height, rgba };
}
