import { z } from 'zod';

const fileRef = z.object({
  file: z.string(),
  bytes: z.number().int().nonnegative(),
  sha256: z.string().optional(),
  rawBytes: z.number().int().nonnegative().optional(),
  rawSha256: z.string().optional(),
});

const imageSplit = z.object({
  count: z.number().int().positive(),
  images: fileRef,
  labels: fileRef,
  labelHistogram: z.array(z.number().int()),
  firstLabels: z.array(z.number().int()).optional(),
});

const entry = z.object({
  title: z.string(),
  license: z.string(),
  attribution: z.string(),
  classes: z.array(z.string()),
  imageShape: z.array(z.number().int()).optional(),
  count: z.number().int().optional(),
  features: z.number().int().optional(),
  labelHistogram: z.array(z.number().int()).optional(),
  splits: z.object({ train: imageSplit, test: imageSplit }).optional(),
  files: z.record(z.string(), fileRef.passthrough()).optional(),
});

/** The schema of `public/datasets/manifest.json` (the parts the lab reads). */
export const manifestSchema = z.object({
  version: z.number(),
  datasets: z.record(z.string(), entry),
});

export type Manifest = z.infer<typeof manifestSchema>;
export type ManifestEntry = z.infer<typeof entry>;

/** Parses and validates the manifest; throws a readable error naming the bad field. */
export function parseManifest(json: unknown): Manifest {
  const r = manifestSchema.safeParse(json);
  if (!r.success) {
    const issue = r.error.issues[0];
    throw new Error(
      `datasets/manifest.json is not valid: ${issue?.path.join('.') ?? '?'}: ${issue?.message ?? ''}`,
    );
  }
  return r.data;
}
