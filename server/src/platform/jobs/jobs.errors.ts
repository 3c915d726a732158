import { AppError, badRequest } from '../errors.js';

/** Errors of the job queue (programming mistakes of a caller, shown to operators in logs). */
export const JobErrors = {
  badName: (name: string) => badRequest('JOB_NAME_INVALID', `作业名称不正确: ${name || '(空)'}`, 'name'),
  badMaxAttempts: (n: number) =>
    badRequest('JOB_MAX_ATTEMPTS_INVALID', `作业最大尝试次数应为 1–100 的整数: ${n}`, 'maxAttempts'),
  insertFailed: (name: string) => new AppError('JOB_ENQUEUE_FAILED', 500, `作业写入失败: ${name}`),
};
