import { Type } from '@sinclair/typebox';

const Day = (description: string) =>
  Type.String({ format: 'date', description: `${description}（YYYY-MM-DD）` });

export const YearParams = Type.Object({
  year: Type.Integer({ minimum: 2000, maximum: 2100, description: '年份' }),
});

export const YearQuery = Type.Object(
  {
    format: Type.Optional(
      Type.Union([Type.Literal('json'), Type.Literal('xlsx')], { description: 'xlsx 时导出 Excel' }),
    ),
  },
  { additionalProperties: false },
);

export const DayParams = Type.Object({ day: Day('日期') });

export const SetDayBody = Type.Object(
  {
    kind: Type.Union([Type.Literal('holiday'), Type.Literal('workday')], {
      description: '类型：holiday 放假（法定节假日、调休放假），workday 调休上班（只能是周六或周日）',
    }),
    name: Type.String({ minLength: 1, maxLength: 100, description: '名称，如：国庆节' }),
  },
  { additionalProperties: false },
);

export const CalendarDay = Type.Object({
  day: Type.String({ description: '日期（YYYY-MM-DD）' }),
  weekday: Type.String({ description: '星期，如：周六' }),
  kind: Type.Union([Type.Literal('holiday'), Type.Literal('workday'), Type.Literal('normal')], {
    description: 'holiday 放假，workday 调休上班，normal 管理员取消了预置的节假日（按周一至周五规则）',
  }),
  kindLabel: Type.String({ description: '类型的中文名称' }),
  name: Type.Union([Type.String(), Type.Null()], { description: '名称，如：国庆节' }),
  working: Type.Boolean({ description: '是否工作日' }),
  source: Type.Union([Type.Literal('chinese-days'), Type.Literal('manual')], {
    description: 'chinese-days 按国务院办公厅放假通知预置，manual 管理员维护',
  }),
  updatedAt: Type.String({ format: 'date-time', description: '更新时间' }),
  updatedBy: Type.Union([Type.String(), Type.Null()], { description: '更新人 ID（预置数据为空）' }),
  updatedByName: Type.Union([Type.String(), Type.Null()], { description: '更新人姓名' }),
});

export const YearReply = Type.Object({
  year: Type.Integer({ description: '年份' }),
  items: Type.Array(CalendarDay, { description: '当年的放假日、调休上班日和人工调整，按日期排序' }),
});

export const ComputeOp = Type.Union(
  [
    Type.Literal('isWorkingDay'),
    Type.Literal('addWorkingDays'),
    Type.Literal('workingDaysBetween'),
    Type.Literal('calendarDeadline'),
  ],
  {
    description:
      'isWorkingDay 是否工作日(start)；addWorkingDays 第 n 个工作日(start, n)；workingDaysBetween 两日之间的工作日数(start, end)；calendarDeadline 公历日期限届满日(start, days)',
  },
);

export const ComputeQuery = Type.Object(
  {
    op: ComputeOp,
    start: Day('起算日'),
    n: Type.Optional(Type.Integer({ minimum: -3660, maximum: 3660, description: '工作日数（不含起算日）' })),
    end: Type.Optional(Day('截止日')),
    days: Type.Optional(Type.Integer({ minimum: 0, maximum: 3660, description: '公历日数' })),
    rollOverWeekends: Type.Optional(
      Type.Boolean({ description: '届满日为普通周末时是否也顺延（默认是；第五十五条的口径待确认）' }),
    ),
  },
  { additionalProperties: false },
);

export const ComputeReply = Type.Object({
  op: Type.String(),
  result: Type.Union([Type.String(), Type.Integer(), Type.Boolean()], {
    description: '日期（YYYY-MM-DD）、工作日数或是否工作日',
  }),
});
