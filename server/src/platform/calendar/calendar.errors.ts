import { badRequest, forbidden } from '../errors.js';

export const CalendarErrors = {
  invalidDay: (field: string, value: string) =>
    badRequest('CALENDAR_DAY_INVALID', `${field} 不是有效的日期（应为 YYYY-MM-DD）：${value}`, field),
  invalidYear: (value: number) => badRequest('CALENDAR_YEAR_INVALID', `年份不正确：${value}`, 'year'),
  invalidCount: (field: string, value: number) =>
    badRequest('CALENDAR_COUNT_INVALID', `${field} 应为整数且不超过 36600 天：${value}`, field),
  negativeDays: (field: string) => badRequest('CALENDAR_COUNT_INVALID', `${field} 不能为负数`, field),
  missingParam: (field: string) => badRequest('VALIDATION', `查询参数缺少必填项: ${field}`, field),
  workdayNotWeekend: (day: string, weekday: string) =>
    badRequest(
      'CALENDAR_WORKDAY_NOT_WEEKEND',
      `${day} 是${weekday}，本来就是工作日；调休上班日只能设在周六或周日`,
      'kind',
    ),
  nameRequired: () => badRequest('CALENDAR_NAME_REQUIRED', '请填写名称（如：国庆节）', 'name'),
  forbidden: () => forbidden('FORBIDDEN', '没有权限维护节假日日历（需要权限：calendar:write）'),
};
