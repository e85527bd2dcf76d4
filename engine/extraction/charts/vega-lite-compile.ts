import { compile, type TopLevelSpec } from 'vega-lite';

/**
 * vega-lite assigns `Set.prototype.toJSON` when it loads (its `stringify`/`hash` print a set as "Set(a,b)" and rely on
 * it while compiling). Left in place, that patch changes every Set in the process: `JSON.stringify(new Set())` gives
 * `"Set()"`, and discord.js fails at import (its @vladfrangu/async_event_emitter bundles Node's primordials, whose
 * `makeSafe` calls every zero-argument method of `Set.prototype` and expects an iterator back: `string "Set()" is not
 * iterable`). So this module, which imports nothing but vega-lite, takes the patch off as soon as vega-lite has loaded,
 * and puts it back only for the duration of one synchronous compile: nothing else can run meanwhile, import order stops
 * mattering, and Set stays standard for the rest of the process. Import vega-lite's `compile` from here only.
 */
const vegaLiteSetToJson = Object.getOwnPropertyDescriptor(Set.prototype, 'toJSON');
Reflect.deleteProperty(Set.prototype, 'toJSON');

/** vega-lite's `compile`, with vega-lite's `Set.prototype.toJSON` in place only while it runs. */
export function compileVegaLite(spec: TopLevelSpec): ReturnType<typeof compile> {
  if (!vegaLiteSetToJson) return compile(spec);
  Object.defineProperty(Set.prototype, 'toJSON', vegaLiteSetToJson);
  try {
    return compile(spec);
  } finally {
    Reflect.deleteProperty(Set.prototype, 'toJSON');
  }
}
