import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ChatMessage } from '../../engine/llm/port.js';

/**
 * A loopback server speaking the OpenAI chat-completions and embeddings wire protocol, scripted per
 * test, so the real `openai` client can be exercised without a network.
 *
 * @example
 *   const fake = await startFakeOpenAIServer({ latencyMs: 5 });
 *   fake.enqueue({ kind: 'json', value: { ok: true } }, { kind: 'error', status: 429, headers: { 'retry-after': '2' } });
 *   const client = new OpenAI({ baseURL: fake.url, apiKey: 'test' });
 *   // … fake.requests, fake.maxInFlight, fake.stats …
 *   await fake.close();
 */

/** One scripted answer to a chat-completions call. */
export type ScriptedResponse =
  /** A successful completion whose content is `JSON.stringify(value)` (with extra response headers, if given). */
  | { kind: 'json'; value: unknown; usage?: ScriptedUsage; headers?: Record<string, string> }
  /** A successful completion with raw content (junk, prose, fenced JSON…). */
  | { kind: 'text'; text: string; usage?: ScriptedUsage }
  /** A refusal (`message.refusal`) as structured-output models send. */
  | { kind: 'refusal'; text: string }
  /** An HTTP error with an OpenAI-style error body. */
  | { kind: 'error'; status: number; message?: string; code?: string; headers?: Record<string, string> }
  /** Never answers (until the client gives up or the server closes). */
  | { kind: 'hang' };

/**
 * The fields of an OpenAI-compatible request body that the fake and the tests read: wire JSON as the
 * client sent it (other fields are kept under their own names).
 */
export interface OpenAIRequestBody {
  model?: string;
  messages: ChatMessage[];
  /** Absent when the client sent none; typed as present so tests read it without guards (it is unchecked JSON). */
  response_format: {
    type: 'json_schema' | 'json_object';
    json_schema: { name: string; strict: boolean; schema: Record<string, unknown> };
  };
  input?: string | string[];
  encoding_format?: string;
  [field: string]: unknown;
}

/** Usage a scripted answer reports; `cached_tokens` goes to `prompt_tokens_details`. */
export interface ScriptedUsage {
  prompt_tokens: number;
  completion_tokens: number;
  cached_tokens?: number;
}

/** What the server saw for one request. */
export interface RecordedRequest {
  method: string;
  path: string;
  headers: Record<string, string | string[] | undefined>;
  /** Parsed JSON body (undefined when not JSON). */
  body: OpenAIRequestBody;
  /** What the server answered: a status code, or `hang`. */
  answer?: number | 'hang';
}

export interface FakeOpenAIOptions {
  /** Fixed latency before answering, in real milliseconds. */
  latencyMs?: number;
  /** Answer 429 once more than this many requests were accepted in the last (simulated) 60 s. */
  rpmLimit?: number;
  /**
   * Simulated seconds per real second for the RPM window (e.g. 15 makes a minute last 4 s). The
   * 429's `retry-after-ms` / `retry-after` are in simulated time, so clients sleep on a clock with
   * the same scale (`scaledClock`).
   */
  timeScale?: number;
  /** Reject these `response_format.type`s with a 400, like providers without structured outputs. */
  rejectResponseFormats?: ReadonlyArray<'json_schema' | 'json_object'>;
  /** Reject requests carrying these body fields with a 400, like endpoints that forbid unknown parameters. */
  rejectFields?: readonly string[];
  /** Answers chat calls when the queue is empty; default: a 500 saying the script ran out. */
  respond?: (body: OpenAIRequestBody) => ScriptedResponse;
  /** Embedding dimensions (deterministic vectors derived from each text); a request's `dimensions` shortens them. */
  embeddingDims?: number;
  /** Refuse a `dimensions` parameter with OpenAI's 400, like endpoints and models without it (text-embedding-ada-002). */
  rejectDimensions?: boolean;
  /**
   * With `rpmLimit`: send OpenAI's `x-ratelimit-limit/remaining/reset-requests` headers on every chat
   * answer (2xx and 429), as OpenAI does.
   */
  rateLimitHeaders?: boolean;
  /** With `rpmLimit`: the 429's `retry-after` in seconds, whatever the window says (no `retry-after-ms`). */
  retryAfterSeconds?: number;
  /**
   * With `rpmLimit`: the length of the window it counts (simulated ms, default 60 000). A 1 000 ms window
   * makes a per-second limit, whose `retry-after: 1` is honest.
   */
  rateWindowMs?: number;
  /**
   * The simulated time in ms, instead of real time times `timeScale`: a test hands the fake the same
   * virtual clock as the client, so the window sees requests at the very times the client started them.
   */
  now?: () => number;
}

export interface FakeOpenAIServer {
  /** Base URL to hand to the client, ending in `/v1`. */
  readonly url: string;
  /** Every request, in arrival order. */
  readonly requests: RecordedRequest[];
  /** Chat-completion requests only. */
  readonly chatRequests: RecordedRequest[];
  /** Requests currently being handled / the most ever handled at once. */
  readonly inFlight: number;
  readonly maxInFlight: number;
  /**
   * Totals: all chat calls, those answered 2xx, those refused with the RPM 429, and the usage the
   * server reported in its 2xx answers (what a provider would bill).
   */
  readonly stats: FakeStats;
  /** Adds scripted answers, consumed in order by chat-completion calls. */
  enqueue(...responses: ScriptedResponse[]): void;
  /** Forgets recorded requests, counters and the RPM window. */
  reset(): void;
  close(): Promise<void>;
}

/** The fake's own counters. */
export interface FakeStats {
  chat: number;
  ok: number;
  rateLimited: number;
  promptTokens: number;
  completionTokens: number;
  cachedTokens: number;
  /** Input tokens the server reported for `/embeddings` requests (one per word of each input). */
  embeddingTokens: number;
}

const emptyStats = (): FakeStats => ({
  chat: 0,
  ok: 0,
  rateLimited: 0,
  promptTokens: 0,
  completionTokens: 0,
  cachedTokens: 0,
  embeddingTokens: 0,
});

/** Starts the fake on 127.0.0.1 with an OS-assigned port. */
export async function startFakeOpenAIServer(options: FakeOpenAIOptions = {}): Promise<FakeOpenAIServer> {
  const queue: ScriptedResponse[] = [];
  const requests: RecordedRequest[] = [];
  const stats = emptyStats();
  const accepted: number[] = [];
  const scale = options.timeScale ?? 1;
  const origin = performance.now();
  let inFlight = 0;
  let maxInFlight = 0;
  const simulatedNow = options.now ?? (() => (performance.now() - origin) * scale);
  const windowMs = options.rateWindowMs ?? 60_000;

  const server = createServer((req, res) => {
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    let done = false;
    const finish = () => {
      if (!done) {
        done = true;
        inFlight--;
      }
    };
    res.on('close', finish);
    readBody(req)
      .then(async (raw) => {
        const record: RecordedRequest = {
          method: req.method ?? '',
          path: req.url ?? '',
          headers: req.headers,
          body: parseJson(raw) as OpenAIRequestBody,
        };
        requests.push(record);
        if (options.latencyMs) await delay(options.latencyMs);
        const response = route(record);
        record.answer = response.kind === 'hang' ? 'hang' : response.status;
        if (response.kind === 'hang') return;
        res.writeHead(response.status, { 'content-type': 'application/json', ...response.headers });
        res.end(JSON.stringify(response.body));
      })
      .catch((error: unknown) => {
        res.writeHead(500, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: { message: String(error), type: 'server_error' } }));
      });
  });

  function route(record: RecordedRequest): Answer {
    const path = record.path.replace(/\?.*$/, '');
    if (path.endsWith('/embeddings')) return embeddings(record.body);
    if (!path.endsWith('/chat/completions')) return error(404, `no route ${path}`);
    stats.chat++;
    const limited = rateLimit();
    if (limited) return limited;
    const unknown = options.rejectFields?.find((field) => record.body?.[field] !== undefined);
    if (unknown) return error(400, `Unrecognized request argument supplied: ${unknown}`, 'invalid_request_error');
    const format = record.body?.response_format?.type;
    if (format && options.rejectResponseFormats?.includes(format)) {
      return error(
        400,
        `Invalid parameter: 'response_format' of type '${format}' is not supported with this model.`,
        'invalid_request_error',
      );
    }
    const scripted = queue.shift() ??
      options.respond?.(record.body) ?? { kind: 'error', status: 500, message: 'fake: no scripted response left' };
    const answer = chatAnswer(scripted, record.body);
    if (answer.kind === 'http' && answer.status < 300) {
      stats.ok++;
      const usage = (
        answer.body as {
          usage?: {
            prompt_tokens?: number;
            completion_tokens?: number;
            prompt_tokens_details?: { cached_tokens?: number };
          };
        }
      ).usage;
      stats.promptTokens += usage?.prompt_tokens ?? 0;
      stats.completionTokens += usage?.completion_tokens ?? 0;
      stats.cachedTokens += usage?.prompt_tokens_details?.cached_tokens ?? 0;
    }
    if (answer.kind === 'http') answer.headers = { ...windowHeaders(), ...answer.headers };
    return answer;
  }

  /** OpenAI-style `x-ratelimit-*` headers describing the sliding window (simulated time). */
  function windowHeaders(): Record<string, string> {
    if (!options.rateLimitHeaders || options.rpmLimit === undefined) return {};
    const now = simulatedNow();
    while (accepted.length && accepted[0] <= now - windowMs) accepted.shift();
    const remaining = Math.max(0, options.rpmLimit - accepted.length);
    const resetMs = accepted.length ? Math.max(0, Math.ceil(accepted[0] + windowMs - now)) : 0;
    return {
      'x-ratelimit-limit-requests': String(options.rpmLimit),
      'x-ratelimit-remaining-requests': String(remaining),
      'x-ratelimit-reset-requests': `${(resetMs / 1000).toFixed(3)}s`,
    };
  }

  function rateLimit(): Answer | undefined {
    if (options.rpmLimit === undefined) return undefined;
    const now = simulatedNow();
    while (accepted.length && accepted[0] <= now - windowMs) accepted.shift();
    if (accepted.length < options.rpmLimit) {
      accepted.push(now);
      return undefined;
    }
    stats.rateLimited++;
    const waitMs = Math.max(1, Math.ceil(accepted[0] + windowMs - now));
    const retryAfter: Record<string, string> =
      options.retryAfterSeconds !== undefined
        ? { 'retry-after': String(options.retryAfterSeconds) }
        : { 'retry-after-ms': String(waitMs), 'retry-after': String(Math.ceil(waitMs / 1000)) };
    return {
      ...error(
        429,
        `Rate limit reached: ${options.rpmLimit} requests per ${windowMs === 60_000 ? 'min' : `${windowMs / 1000} s`}.`,
        'rate_limit_exceeded',
      ),
      headers: { ...windowHeaders(), ...retryAfter },
    };
  }

  function chatAnswer(scripted: ScriptedResponse, body: OpenAIRequestBody): Answer {
    switch (scripted.kind) {
      case 'hang':
        return { kind: 'hang' };
      case 'error':
        return {
          ...error(scripted.status, scripted.message ?? `fake error ${scripted.status}`, scripted.code),
          headers: scripted.headers,
        };
      case 'refusal':
        return completion(body, null, scripted.text);
      case 'json':
        return { ...completion(body, JSON.stringify(scripted.value), null, scripted.usage), headers: scripted.headers };
      case 'text':
        return completion(body, scripted.text, null, scripted.usage);
    }
  }

  function completion(
    body: OpenAIRequestBody,
    content: string | null,
    refusal: string | null,
    usage?: ScriptedUsage,
  ): HttpAnswer {
    const promptTokens = usage?.prompt_tokens ?? Math.ceil(JSON.stringify(body?.messages ?? []).length / 4);
    const completionTokens = usage?.completion_tokens ?? Math.ceil((content ?? refusal ?? '').length / 4);
    return {
      kind: 'http',
      status: 200,
      body: {
        id: `chatcmpl-fake-${requests.length}`,
        object: 'chat.completion',
        created: Math.floor(Date.now() / 1000),
        model: body?.model ?? 'fake',
        choices: [
          { index: 0, finish_reason: 'stop', logprobs: null, message: { role: 'assistant', content, refusal } },
        ],
        usage: {
          prompt_tokens: promptTokens,
          completion_tokens: completionTokens,
          total_tokens: promptTokens + completionTokens,
          ...(usage?.cached_tokens !== undefined
            ? { prompt_tokens_details: { cached_tokens: usage.cached_tokens } }
            : {}),
        },
      },
    };
  }

  function embeddings(body: OpenAIRequestBody): Answer {
    const inputs: string[] = Array.isArray(body?.input) ? body.input : [String(body?.input ?? '')];
    const asked = typeof body?.dimensions === 'number' ? body.dimensions : undefined;
    if (asked !== undefined && options.rejectDimensions)
      return {
        kind: 'http',
        status: 400,
        body: {
          error: {
            message: 'This model does not support specifying dimensions.',
            type: 'invalid_request_error',
            param: 'dimensions',
            code: null,
          },
        },
      };
    const dims = asked ?? options.embeddingDims ?? 8;
    const tokens = inputs.reduce((sum, text) => sum + Math.max(1, text.split(/\s+/).filter(Boolean).length), 0);
    stats.embeddingTokens += tokens;
    const data = inputs.map((text, index) => {
      const vector = embedText(text, dims);
      // The SDK asks for base64 by default and decodes it; honour both encodings.
      const embedding =
        body?.encoding_format === 'base64' ? Buffer.from(new Float32Array(vector).buffer).toString('base64') : vector;
      return { object: 'embedding', index, embedding };
    });
    return {
      kind: 'http',
      status: 200,
      body: {
        object: 'list',
        model: body?.model,
        data,
        usage: { prompt_tokens: tokens, total_tokens: tokens },
      },
    };
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}/v1`,
    requests,
    get chatRequests() {
      return requests.filter((request) => request.path.includes('/chat/completions'));
    },
    get inFlight() {
      return inFlight;
    },
    get maxInFlight() {
      return maxInFlight;
    },
    stats,
    enqueue: (...responses) => void queue.push(...responses),
    reset() {
      requests.length = 0;
      queue.length = 0;
      accepted.length = 0;
      Object.assign(stats, emptyStats());
      maxInFlight = inFlight;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

type HttpAnswer = { kind: 'http'; status: number; body: unknown; headers?: Record<string, string> };
type Answer = HttpAnswer | { kind: 'hang' };

function error(status: number, message: string, code?: string): HttpAnswer {
  return {
    kind: 'http',
    status,
    body: {
      error: { message, type: status === 429 ? 'requests' : 'invalid_request_error', param: null, code: code ?? null },
    },
  };
}

/** A deterministic unit-ish vector from character codes, so equal texts embed equally. */
function embedText(text: string, dims: number): number[] {
  const vector = new Array<number>(dims).fill(0);
  for (let i = 0; i < text.length; i++) vector[i % dims] += (text.charCodeAt(i) % 31) / 31;
  const norm = Math.sqrt(vector.reduce((sum, x) => sum + x * x, 0)) || 1;
  return vector.map((x) => x / norm);
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function parseJson(raw: string): unknown {
  try {
    return raw ? JSON.parse(raw) : undefined;
  } catch {
    return undefined;
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
