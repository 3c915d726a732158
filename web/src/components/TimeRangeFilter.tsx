import { DatePicker } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';

const FMT = 'YYYY-MM-DD HH:mm';

/**
 * A time range filter for ServerTable. Saved filters come back from localStorage as ISO strings, so the value
 * may be strings or dayjs; both are accepted.
 */
export function TimeRangeFilter(props: {
  value?: Array<Dayjs | string | null> | null;
  onChange?: (v: [Dayjs, Dayjs] | null) => void;
}) {
  const v = props.value?.map((x) => (x ? dayjs(x) : null));
  return (
    <DatePicker.RangePicker
      showTime={{ format: 'HH:mm' }}
      format={FMT}
      value={v && v.length === 2 ? (v as [Dayjs, Dayjs]) : null}
      onChange={(r) => props.onChange?.(r && r[0] && r[1] ? [r[0], r[1]] : null)}
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
  const from = r[0] ? dayjs(r[0] as Dayjs | string).startOf('minute') : undefined;
  const to = r[1] ? dayjs(r[1] as Dayjs | string).endOf('minute') : undefined;
  return { ...rest, from: from?.toISOString(), to: to?.toISOString() };
}
