interface Link {
  children: Set<AbortController>;
  forward: () => void;
}

/**
 * Gives every HTTP request a signal of its own that aborts when the caller's signal does. The
 * `openai` client adds an abort listener to the signal of every request and never removes it, so
 * handing it a job's shared signal piles up one listener per request (Node's
 * MaxListenersExceededWarning during any brainstorm). Here the shared signal gets one listener
 * while any of its requests is in flight, removed when the last one ends; the client only ever sees
 * the per-request signals, which are dropped after their request.
 *
 * @example
 *   const links = new SignalLinks();
 *   await links.run(job.signal, (signal) => client.chat.completions.create(body, { signal }));
 */
export class SignalLinks {
  private readonly links = new WeakMap<AbortSignal, Link>();

  async run<R>(parent: AbortSignal | undefined, work: (signal: AbortSignal | undefined) => Promise<R>): Promise<R> {
    if (!parent) return work(undefined);
    const child = new AbortController();
    if (parent.aborted) child.abort(parent.reason);
    const link = this.linkOf(parent);
    link.children.add(child);
    try {
      return await work(child.signal);
    } finally {
      link.children.delete(child);
      if (link.children.size === 0 && this.links.get(parent) === link) {
        parent.removeEventListener('abort', link.forward);
        this.links.delete(parent);
      }
    }
  }

  private linkOf(parent: AbortSignal): Link {
    const existing = this.links.get(parent);
    if (existing) return existing;
    const children = new Set<AbortController>();
    const forward = () => {
      for (const child of children) child.abort(parent.reason);
    };
    const link: Link = { children, forward };
    parent.addEventListener('abort', link.forward, { once: true });
    this.links.set(parent, link);
    return link;
  }
}
