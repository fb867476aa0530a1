/**
 * The live lab with and without the lab's own wasm kernels: the built app (E2E_DIST, default dist)
 * in headless Chromium on the wasm backend, the default preset (LeNet-300-100, MNIST, DNS), steps
 * per second over a window of Play; "tfjs" pages have the kernels' .wasm request blocked, so the
 * worker keeps the tfjs step. Pages alternate so both see the same machine load.
 *   npx vite build --outDir dist-x && E2E_DIST=dist-x npx tsx bench/kernelsUi.ts [seconds] [pairs]
 */
import { openApp } from '../test/e2e/support/app';
import { Lab } from '../test/e2e/support/lab';

const seconds = Number(process.argv[2] ?? 12);
const pairs = Number(process.argv[3] ?? 2);

async function stepsPerSecond(blockKernels: boolean): Promise<number> {
  const s = await openApp({ width: 1280, height: 800 });
  try {
    if (blockKernels) await s.page.route('**/mlp-*.wasm', (r) => r.abort());
    const lab = new Lab(s.page);
    await lab.open(`${s.url}?backend=wasm`);
    await lab.waitStatus('ready');
    await s.page.click('[data-testid=play]');
    await lab.waitFor(async () => (await lab.step()) > 5, 'training', 60_000);
    const a = await lab.step();
    await new Promise((r) => setTimeout(r, seconds * 1000));
    return ((await lab.step()) - a) / seconds;
  } finally {
    await s.close();
  }
}

const rows: string[] = [];
for (let i = 0; i < pairs; i++) {
  const tf = await stepsPerSecond(true);
  const k = await stepsPerSecond(false);
  rows.push(
    `pair ${i + 1}: tfjs step ${tf.toFixed(1)} steps/s, own kernels ${k.toFixed(1)} steps/s (${(k / tf).toFixed(1)}x)`,
  );
}
console.log(`The app on wasm, default preset, ${seconds} s of Play per page:\n${rows.join('\n')}`);
