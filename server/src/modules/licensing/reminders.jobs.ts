import { businessDate } from '../../platform/clock.js';
import { registerJobHandler, registerSchedule } from '../../platform/jobs/jobs.service.js';
import { CertificatesService } from './certificates.service.js';
import { SelfInspectionService } from './self-inspection.service.js';

/** Job and schedule of the daily 申报提醒 (seed 企业平台: 延续提醒 and 年度自查报告提醒). */
export const REMINDER_JOB = 'licensing.certificate-reminders';

/** Payload: the business day to remind for (default: today in the business time zone). */
export interface ReminderJobPayload {
  today?: string;
}

registerJobHandler<ReminderJobPayload | null>(REMINDER_JOB, async (payload, _job, ctx) => {
  const today = payload?.today ?? businessDate(ctx.clock.now(), ctx.config.timeZone);
  const created = await new CertificatesService(ctx).generateReminders(today);
  const selfInspection = await new SelfInspectionService(ctx).generateReminders(today);
  ctx.logger.info({ job: REMINDER_JOB, today, created, selfInspection }, 'licence reminders');
});

// Every day at 06:30 (Asia/Shanghai), before office hours; idempotent, so a rerun adds nothing.
registerSchedule(REMINDER_JOB, '30 6 * * *', REMINDER_JOB);
