import { retryAfterMs } from './send-queue.js';

/** Slack Web API failures where the message may or may not have been delivered (network, 5xx). */
export function isUncertainDelivery(error: unknown): boolean {
  const code = (error as { code?: string } | undefined)?.code;
  return code === 'slack_webapi_request_error' || code === 'slack_webapi_http_error';
}

/**
 * Posts a message that carries an idempotency key, retrying transient failures without ever
 * doubling it: after a failure whose outcome is unknown (a timeout or a 5xx may still have
 * delivered the message), it first looks the key up and only re-posts when the message is not
 * there. The WebClient used for `post` must not retry by itself, or this guarantee is lost.
 *
 * @example
 *   const ts = await postKeyedOnce(() => client.chat.postMessage(args).then((r) => String(r.ts)),
 *     () => findKeyedMessage(client, token, channel, places, key).then((m) => m?.messageId), { attempts: 3 });
 */
export async function postKeyedOnce(
  post: () => Promise<string>,
  findPosted: () => Promise<string | undefined>,
  options: { attempts: number; sleep?: (ms: number) => Promise<void>; backoffMs?: number },
): Promise<string> {
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  for (let attempt = 1; ; attempt++) {
    try {
      return await post();
    } catch (error) {
      // Rate limits are the send queue's business (it waits Retry-After and re-sends in order).
      if (retryAfterMs(error) !== undefined || !isUncertainDelivery(error) || attempt >= options.attempts) throw error;
      await sleep((options.backoffMs ?? 250) * 2 ** (attempt - 1));
      const delivered = await findPosted();
      if (delivered) return delivered;
    }
  }
}
