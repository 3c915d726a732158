/**
 * One error model (DESIGN.md §8): a stable code, an HTTP status, a Chinese message a clerk understands,
 * and the offending field when there is one. Modules define their codes in `*.errors.ts` with these helpers.
 */
export class AppError extends Error {
  constructor(
    readonly code: string,
    readonly status: number,
    message: string,
    readonly field?: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const badRequest = (
  code: string,
  message: string,
  field?: string,
  details?: Record<string, unknown>,
) => new AppError(code, 400, message, field, details);
export const unauthorized = (code = 'UNAUTHENTICATED', message = '未登录或登录已过期，请重新登录') =>
  new AppError(code, 401, message);
export const forbidden = (code = 'FORBIDDEN', message = '没有权限执行此操作') =>
  new AppError(code, 403, message);
export const notFound = (code: string, message: string) => new AppError(code, 404, message);
export const conflict = (code: string, message: string, field?: string) =>
  new AppError(code, 409, message, field);
export const tooMany = (code: string, message: string) => new AppError(code, 429, message);

/** Shape of every error body. */
export interface ErrorBody {
  code: string;
  message: string;
  field?: string;
  details?: Record<string, unknown>;
  requestId: string;
}
