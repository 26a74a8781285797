/**
 * Runs `action` on request, but at most once per `intervalMs`: a request inside the interval is
 * carried out when the interval ends, so nothing requested is ever left undone for longer than
 * that. `cancel` drops a pending run (the caller does the last one itself).
 */
export function throttled(action: () => void, intervalMs: number): { request: () => void; cancel: () => void } {
  let last = Number.NEGATIVE_INFINITY;
  let pending: NodeJS.Timeout | undefined;
  const run = (): void => {
    pending = undefined;
    last = Date.now();
    action();
  };
  return {
    request: () => {
      if (pending) return;
      const wait = last + intervalMs - Date.now();
      if (wait <= 0) run();
      else pending = setTimeout(run, wait).unref();
    },
    cancel: () => {
      if (pending) clearTimeout(pending);
      pending = undefined;
    },
  };
}
