/**
 * At most `n` of the calls given run at once; the others wait their turn, in call order.
 * (Store puts of a flow's entries: their number in flight stays bounded.)
 */
export function concurrencyLimit(n: number): <T>(call: () => Promise<T>) => Promise<T> {
  let running = 0;
  const waiting: (() => void)[] = [];
  return async (call) => {
    while (running >= n) await new Promise<void>((go) => waiting.push(go));
    running++;
    try {
      return await call();
    } finally {
      running--;
      waiting.shift()?.();
    }
  };
}
