import type { AppContext } from './platform/context.js';

/** A background loop the worker runs (outbox delivery, job queue, schedules). Returns its stop function. */
export type WorkerLoop = (ctx: AppContext) => () => Promise<void>;

const loops: Array<{ name: string; start: WorkerLoop }> = [];

/** Platform parts register their loops here (jobs, outbox). */
export function registerWorkerLoop(name: string, start: WorkerLoop): void {
  if (!loops.some((l) => l.name === name)) loops.push({ name, start });
}

/** Starts every registered loop; the returned function stops them all. */
export function startWorkers(ctx: AppContext): () => Promise<void> {
  const stops = loops.map((l) => {
    ctx.logger.info({ loop: l.name }, 'worker loop started');
    return l.start(ctx);
  });
  return async () => {
    for (const s of stops) await s();
  };
}
