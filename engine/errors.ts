/**
 * Errors typed by who is at fault. Every error carries a stable `code` so adapters can turn it
 * into a clear, friendly reply, and tests can assert on it without matching prose.
 *
 * @example
 *   throw new UserInputError('panel.size', 'N must be between 1 and 50', '/panel create 20 US parents');
 */
export abstract class TroupeError extends Error {
  abstract readonly kind: 'user' | 'model' | 'platform' | 'config' | 'cancelled';
  constructor(
    readonly code: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** The person typed something wrong; `example` shows a correct form. */
export class UserInputError extends TroupeError {
  readonly kind = 'user' as const;
  constructor(
    code: string,
    message: string,
    readonly example?: string,
  ) {
    super(code, message);
  }
}

/** The LLM returned junk, timed out or was rate limited past all retries. */
export class ModelBehaviorError extends TroupeError {
  readonly kind = 'model' as const;
}

/** A chat platform or other remote service failed. */
export class PlatformError extends TroupeError {
  readonly kind = 'platform' as const;
}

/** The deployment is misconfigured (env, missing files). */
export class ConfigError extends TroupeError {
  readonly kind = 'config' as const;
}

/** Work was cancelled on purpose (user cancel, shutdown). */
export class CancelledError extends TroupeError {
  readonly kind = 'cancelled' as const;
  constructor(message = 'cancelled') {
    super('cancelled', message);
  }
}

/** Throws a CancelledError when the signal has fired. */
export function throwIfAborted(signal?: AbortSignal): void {
  if (signal?.aborted) throw new CancelledError();
}
