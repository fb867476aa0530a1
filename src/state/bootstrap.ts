import type { CheckpointEntry, ManifestInfo } from './types';
import { useLab } from './store';
import { followHashLinks, openLink } from './link/apply';
import { parseAddress } from './link/parse';
import { loadLessonIndex, openLessonById } from './lesson/open';

async function getJson(path: string): Promise<unknown> {
  const res = await fetch(new URL(path, new URL(import.meta.env.BASE_URL, document.baseURI)));
  if (!res.ok) throw new Error(`${path}: HTTP ${res.status}`);
  return res.json();
}

/** Reads the data manifest (licences) and the checkpoint index; a missing index means none shipped. */
export async function loadCatalogues(): Promise<void> {
  const s = useLab.getState();
  const [manifest, index] = await Promise.allSettled([
    getJson('datasets/manifest.json'),
    getJson('checkpoints/index.json'),
  ]);
  if (manifest.status === 'fulfilled') {
    const m = manifest.value as {
      datasets?: Record<string, { title?: string; license?: string; attribution?: string }>;
    };
    s.setManifest(
      Object.entries(m.datasets ?? {}).map(([id, d]): ManifestInfo => ({
        id,
        title: d.title ?? id,
        license: d.license ?? '?',
        attribution: d.attribution ?? '',
      })),
    );
  }
  const entries =
    index.status === 'fulfilled'
      ? ((index.value as { checkpoints?: unknown[] }).checkpoints ?? [])
      : [];
  s.setCheckpoints(
    entries.flatMap((e): CheckpointEntry[] => {
      const c = e as {
        file?: unknown;
        model?: unknown;
        dataset?: unknown;
        meta?: { testAccuracy?: unknown };
      };
      if (typeof c.file !== 'string') return [];
      const acc = c.meta?.testAccuracy;
      return [
        {
          file: c.file,
          model: String(c.model),
          dataset: String(c.dataset),
          testAccuracy: typeof acc === 'number' ? acc : null,
        },
      ];
    }),
  );
}

/**
 * Applies the address's link (query string and hash, `src/state/link/`): builds the first run and
 * opens it as the link asks (`open=play`, or its alias `autoplay=1`). Later links put in the hash
 * are followed too.
 */
export function startFromUrl(search: string, hash = ''): void {
  const parsed = parseAddress(search, hash);
  // `lesson=<id>` opens that shipped lesson, with the link's other keys on top.
  if (parsed.link.lesson) void openLessonById(parsed.link.lesson, parsed);
  else void openLink(parsed);
  void loadLessonIndex();
  followHashLinks();
}
