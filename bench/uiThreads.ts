import { readdirSync, readFileSync } from 'node:fs';

/** Clock ticks per second of /proc CPU times (USER_HZ; 100 on Linux). */
const HZ = 100;

/**
 * CPU seconds used so far by each thread of the running Chromium processes, keyed by process
 * type and thread name ("renderer/DedicatedWorker …"). Linux only; empty elsewhere.
 */
export function chromiumThreadTimes(): Map<string, number> {
  const out = new Map<string, number>();
  let pids: string[];
  try {
    pids = readdirSync('/proc').filter((p) => /^\d+$/.test(p));
  } catch {
    return out;
  }
  for (const pid of pids) {
    try {
      const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      if (!cmd.includes('chromium')) continue;
      const type = /--type=([a-z-]+)/.exec(cmd)?.[1] ?? 'browser';
      for (const tid of readdirSync(`/proc/${pid}/task`)) {
        const st = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
        const name = st.slice(st.indexOf('(') + 1, st.lastIndexOf(')')).replace(/\d+/g, '#');
        const f = st.slice(st.lastIndexOf(')') + 2).split(' ');
        const key = `${type}/${name}`;
        out.set(key, (out.get(key) ?? 0) + (Number(f[11]) + Number(f[12])) / HZ);
      }
    } catch {
      // The process or thread ended meanwhile.
    }
  }
  return out;
}

/** Share of a core each thread used between two readings `seconds` apart, busiest first. */
export function threadShares(
  a: Map<string, number>,
  b: Map<string, number>,
  seconds: number,
): [string, number][] {
  return [...b]
    .map(([k, v]): [string, number] => [k, (v - (a.get(k) ?? 0)) / seconds])
    .filter(([, v]) => v >= 0.01)
    .sort((x, y) => y[1] - x[1]);
}
