import { businessDate } from '../../platform/clock.js';
import { registerJobHandler, registerSchedule } from '../../platform/jobs/jobs.service.js';
import { ApplicationsService } from './applications.service.js';

/** Job and schedule of the daily 视为受理 marking (《办法》第十二条). */
export const DEEMED_ACCEPTANCE_JOB = 'licensing.deemed-acceptance';

/** Payload: the business day to mark for (default: today in the business time zone). */
export interface DeemedAcceptanceJobPayload {
  today?: string;
}

registerJobHandler<DeemedAcceptanceJobPayload | null>(DEEMED_ACCEPTANCE_JOB, async (payload, _job, ctx) => {
  const today = payload?.today ?? businessDate(ctx.clock.now(), ctx.config.timeZone);
  const marked = await new ApplicationsService(ctx).markDeemedAccepted(today);
  ctx.logger.info({ job: DEEMED_ACCEPTANCE_JOB, today, marked }, 'licensing deemed acceptance');
});

// Every day at 00:20 (Asia/Shanghai), so the marks of the day are there before office hours; idempotent.
registerSchedule(DEEMED_ACCEPTANCE_JOB, '20 0 * * *', DEEMED_ACCEPTANCE_JOB);
