// No tfjs here: the page picks a heatmap row or column with it.

/**
 * The connections of a row (`unit`: one output unit, all its inputs) or a column (`input`: one
 * fan-in position, all units) of a layer's heatmap grid, rows = fan-in positions, cols = units,
 * row-major (`index = input * cols + unit`).
 */
export function lineIndices(
  grid: { readonly rows: number; readonly cols: number },
  line: { readonly unit: number } | { readonly input: number },
): Uint32Array {
  const { rows, cols } = grid;
  if ('unit' in line) {
    const out = new Uint32Array(rows);
    for (let i = 0; i < rows; i++) out[i] = i * cols + line.unit;
    return out;
  }
  const out = new Uint32Array(cols);
  for (let u = 0; u < cols; u++) out[u] = line.input * cols + u;
  return out;
}
