import type { Store } from '../../engine/store/ports.js';

/**
 * The store as one surface's command service sees it for job recovery: only the jobs whose channel passes `owns`. The
 * terminal chat and the playground share the local tenant; each resumes only its own channel's jobs, through its own
 * sink. Everything else is the store itself.
 *
 * @example
 *   const webStore = jobsOfChannels(store, (channelKey) => channelKey.startsWith('web:'));
 */
export function jobsOfChannels(store: Store, owns: (channelKey: string) => boolean): Store {
  return new Proxy(store, {
    get(target, property) {
      if (property === 'listJobsByStatus')
        return async (...args: Parameters<Store['listJobsByStatus']>) =>
          (await target.listJobsByStatus(...args)).filter((job) => owns(String(job.conversation.channelKey ?? '')));
      const value = Reflect.get(target, property, target) as unknown;
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

/** Channels of the playground (`web:main`). */
export const isWebChannel = (channelKey: string) => channelKey.startsWith('web:');
