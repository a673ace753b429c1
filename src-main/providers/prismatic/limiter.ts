/**
 * Bounded concurrency for one region. A pull makes one request per integration; firing a thousand
 * at once would trip the stack's rate limit (429), doing them one by one takes minutes at real
 * latencies. A fixed window of N in flight is the middle ground; on a 429 the window halves, and it
 * grows back by one per success (AIMD, as TCP does), so a busy stack is not hammered.
 */
export interface Limiter {
  /** `urgent` work jumps the queue: a list page gates every detail request after it. */
  run<T>(fn: () => Promise<T>, urgent?: boolean): Promise<T>;
  /** Called on a rate-limit answer: shrink the window. */
  backOff(): void;
  readonly limit: number;
  readonly active: number;
}

export function createLimiter(maxConcurrency: number): Limiter {
  const max = Math.max(1, Math.floor(maxConcurrency));
  let limit = max;
  let active = 0;
  let successesSinceGrow = 0;
  const waiting: Array<() => void> = [];

  const pump = () => {
    while (active < limit && waiting.length > 0) {
      active++;
      waiting.shift()!();
    }
  };

  return {
    get limit() {
      return limit;
    },
    get active() {
      return active;
    },
    backOff() {
      limit = Math.max(1, Math.floor(limit / 2));
      successesSinceGrow = 0;
    },
    async run<T>(fn: () => Promise<T>, urgent = false): Promise<T> {
      await new Promise<void>((resolve) => {
        if (urgent) waiting.unshift(resolve);
        else waiting.push(resolve);
        pump();
      });
      try {
        const result = await fn();
        if (limit < max && ++successesSinceGrow >= limit) {
          limit++;
          successesSinceGrow = 0;
        }
        return result;
      } finally {
        active--;
        pump();
      }
    },
  };
}
