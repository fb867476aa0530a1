import { z } from 'zod';

// zod 4 probes `new Function('')` to compile its parsers. The lab's Content-Security-Policy has no
// 'unsafe-eval', so the probe is refused (and reported as a violation); zod then parses without
// compiled code anyway. Say so up front. Imported first by the page and by each worker.
z.config({ jitless: true });
