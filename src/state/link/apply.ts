import type { DataFacts } from '../../core/data/facts';
import { BUILTIN_FACTS } from '../../core/data/facts';
import type { Dataset } from '../../core/data/types';
import { DEFAULT_CONFIG } from '../configRules';
import type { LabState } from '../store';
import { useLab } from '../store';
import type { LabConfig } from '../types';
import { uploadRunSettings } from '../uploadSettings';
import { checkLink } from './check';
import { parseAddress } from './parse';
import type { DroppedKey, Link } from './schema';
import { baseConfig, linkSetup } from './setup';

/** How long a link waits for the methods' settings and for a saved upload before giving up. */
const WAIT_MS = 20_000;

/** The first value `pick` finds in the store, or null once `timeoutMs` has passed. */
function whenState<T>(pick: (s: LabState) => T | null, timeoutMs = WAIT_MS): Promise<T | null> {
  const now = pick(useLab.getState());
  if (now !== null) return Promise.resolve(now);
  return new Promise((resolve) => {
    const stop = useLab.subscribe((s) => {
      const v = pick(s);
      if (v === null) return;
      stop();
      clearTimeout(timer);
      resolve(v);
    });
    const timer = setTimeout(() => {
      stop();
      resolve(null);
    }, timeoutMs);
  });
}

/** Loads a saved upload by id from this browser, or says why it cannot. */
async function savedUpload(
  id: string,
): Promise<{ dataset: Dataset; title: string } | { message: string }> {
  const missing = `This link trains on an uploaded dataset ("${id}") that this browser does not have`;
  const storage = await whenState((s) => (s.storage.available === null ? null : s.storage));
  if (!storage?.available) return { message: `${missing}: uploads cannot be kept here.` };
  const entry = useLab.getState().savedUploads.find((u) => u.id === id);
  if (!entry) return { message: `${missing}.` };
  useLab.getState().openSaved(id);
  const draftId = useLab.getState().draft?.id;
  const d = await whenState((s) =>
    s.draft && s.draft.id === draftId && !s.draft.parsing ? s.draft : null,
  );
  useLab.getState().discardUpload();
  const r = d?.result;
  if (!r || !r.ok)
    return { message: `${missing}: ${d?.error?.message ?? 'it could not be read'}.` };
  return { dataset: r.dataset, title: r.name };
}

/** The link's data: a built-in set, a saved upload this browser has, or the default data. */
async function linkData(
  link: Link,
): Promise<{ base: LabConfig; data: DataFacts; message: string | null; dropped: DroppedKey[] }> {
  const builtin = (l: Link) => {
    const base = baseConfig(l);
    const id = base.source.kind === 'builtin' ? base.source.id : 'mnist';
    return { base, data: BUILTIN_FACTS[id] };
  };
  if (!link.upload) return { ...builtin(link), message: null, dropped: [] };
  const up = await savedUpload(link.upload);
  if ('message' in up) {
    const fallback = builtin(link);
    const where = link.dataset ? 'the dataset the link names' : 'the default data';
    return {
      ...fallback,
      message: `${up.message} The lab opened on ${where} instead.`,
      dropped: [],
    };
  }
  const s = useLab.getState();
  s.addUpload({ key: up.dataset.id, title: up.title, dataset: up.dataset });
  const settings = uploadRunSettings(up.dataset, s.backendReport?.backend);
  const d = up.dataset;
  return {
    base: { ...DEFAULT_CONFIG, ...settings },
    data: { inputShape: d.inputShape, numClasses: d.numClasses, trainCount: d.train.count },
    message: null,
    // The upload replaces a built-in set the link names as well.
    dropped: link.dataset ? [{ key: 'dataset', reason: 'the link names an upload as well' }] : [],
  };
}

/**
 * Checks a parsed link (an address, or a lesson file's setup from `parseObject`) against its data
 * and the methods, then puts it into the store and opens it.
 */
export async function openLink(parsed: { link: Link; dropped: DroppedKey[] }): Promise<void> {
  const { link } = parsed;
  const data = await linkData(link);
  const methods = link.settings
    ? await whenState((s) => (s.methods.length > 0 ? s.methods : null))
    : null;
  const { dataset, ...rest } = link;
  const checked = checkLink(
    data.dropped.length ? rest : { ...rest, ...(dataset ? { dataset } : {}) },
    {
      data: data.data,
      methods,
      base: data.base,
    },
  );
  const setup = linkSetup(checked.link, data.base);
  const s = useLab.getState();
  s.setLinkView({
    hiddenControls: setup.hide,
    views: setup.views,
    openMode: setup.open,
    lesson: setup.lesson,
  });
  s.setLinkNotice([...parsed.dropped, ...data.dropped, ...checked.dropped], data.message);
  useLab.setState({ config: setup.config, backend: setup.backend, speed: setup.speed });
  if (setup.tab !== s.tab) s.setTab(setup.tab);
  if (setup.speed !== null) s.setSpeed(setup.speed);
  s.configure();
  if (setup.open === 'play') s.play();
}

/**
 * Opens the lab on the address's link (query string and hash): each key checked, the bad ones
 * named in one notice, the rest applied. Without an upload or method settings to wait for, the
 * run is configured at once (the worker gets it with its first commands).
 */
export function openFromAddress(search: string, hash: string): Promise<void> {
  return openLink(parseAddress(search, hash));
}

/** Opens a link put in the hash of an open page (pasted, or a lesson chosen); anchors are ignored. */
export function followHashLinks(): void {
  window.addEventListener('hashchange', () => {
    if (location.hash.includes('=')) void openFromAddress(location.search, location.hash);
  });
}
