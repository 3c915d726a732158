import type { Logger } from '../logger.js';

export interface PollLoopOptions {
  name: string;
  intervalMs: number;
  logger: Logger;
  /** One round of work; returns true when it was busy (a full batch), so the loop goes again at once. */
  tick: () => Promise<boolean>;
}

/**
 * Runs `tick` every intervalMs until stopped. Errors are logged, never thrown, so a database hiccup
 * does not kill the worker. The returned stop function waits for the round in progress to finish.
 */
export function startPollLoop(opts: PollLoopOptions): () => Promise<void> {
  let stopped = false;
  let wake: (() => void) | undefined;
  let timer: NodeJS.Timeout | undefined;
  const sleep = () =>
    new Promise<void>((resolve) => {
      wake = resolve;
      timer = setTimeout(resolve, opts.intervalMs);
    });
  const run = async () => {
    while (!stopped) {
      let busy = false;
      try {
        busy = await opts.tick();
      } catch (err) {
        opts.logger.error({ err, loop: opts.name }, 'worker loop round failed');
      }
      if (!stopped && !busy) await sleep();
    }
  };
  const done = run();
  return async () => {
    stopped = true;
    if (timer) clearTimeout(timer);
    wake?.();
    await done;
    opts.logger.info({ loop: opts.name }, 'worker loop stopped');
  };
}
