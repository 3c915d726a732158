import { DatePicker } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';

const FMT = 'YYYY-MM-DD HH:mm';

type End = Dayjs | null;

/** A dayjs of a value that may also be an ISO string (a query or an old saved filter); null if not a date. */
const toDay = (x: unknown): End => {
  if (!x || !(dayjs.isDayjs(x) || typeof x === 'string')) return null;
  const d = dayjs(x);
  return d.isValid() ? d : null;
};

/**
 * A time range filter for ServerTable. Either end may stay empty (open range). The value is normally dayjs
 * (ServerTable's saved filters come back as dayjs too); ISO strings are accepted as well.
 */
export function TimeRangeFilter(props: {
  value?: Array<Dayjs | string | null> | null;
  onChange?: (v: [End, End] | null) => void;
}) {
  const v = props.value?.map(toDay);
  return (
    <DatePicker.RangePicker
      showTime={{ format: 'HH:mm' }}
      format={FMT}
      value={v && v.length === 2 && (v[0] || v[1]) ? [v[0], v[1]] : null}
      onChange={(r) => props.onChange?.(r && (r[0] || r[1]) ? [r[0] ?? null, r[1] ?? null] : null)}
      presets={[
        { label: '今天', value: [dayjs().startOf('day'), dayjs().endOf('day')] },
        { label: '最近 7 天', value: [dayjs().subtract(7, 'day').startOf('day'), dayjs().endOf('day')] },
        { label: '最近 30 天', value: [dayjs().subtract(30, 'day').startOf('day'), dayjs().endOf('day')] },
      ]}
      allowEmpty={[true, true]}
    />
  );
}

/** Form values → query: the `range` field becomes from/to (ISO instants, both inclusive to the minute). */
export function mapTimeRange(values: Record<string, unknown>): Record<string, unknown> {
  const { range, ...rest } = values;
  const r = Array.isArray(range) ? range : [];
  const from = toDay(r[0])?.startOf('minute');
  const to = toDay(r[1])?.endOf('minute');
  return { ...rest, from: from?.toISOString(), to: to?.toISOString() };
}
