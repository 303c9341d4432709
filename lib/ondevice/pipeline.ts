// Which way the engine reads a page. `fast` (the default) detects at a smaller size first, reads
// the lines that can hold fields first and skips re-reads that cannot change a line; it falls back
// to the full-size reading whenever a field is missing. `baseline` is the engine as it was before
// issue 10, kept so `npm run bench` can measure both side by side in one run.
import { z } from 'zod';

export const PipelineSchema = z.enum(['baseline', 'fast']);
export type Pipeline = z.infer<typeof PipelineSchema>;

/** Set by wxt.config.ts's Vite `define` from the `QIC_PIPELINE` environment variable at build time. */
declare const __QIC_PIPELINE__: string | undefined;

/**
 * The pipeline this build reads with: `QIC_PIPELINE=baseline npx wxt build` makes the comparison
 * build of `npm run bench`; unset (or outside a WXT build, e.g. in Node) it is `fast`. An unknown
 * value is a build mistake and throws (zod error) rather than silently measuring the wrong engine.
 */
export function builtPipeline(): Pipeline {
  return PipelineSchema.parse(typeof __QIC_PIPELINE__ === 'undefined' || __QIC_PIPELINE__ === '' ? 'fast' : __QIC_PIPELINE__);
}
