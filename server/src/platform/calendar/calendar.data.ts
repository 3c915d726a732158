import { createRequire } from 'node:module';

/** One day of the State Council holiday schedule as published in the chinese-days package. */
export interface PublishedDay {
  day: string;
  kind: 'holiday' | 'workday';
  /** Chinese name of the festival, e.g. 国庆节. */
  name: string;
}

interface ChineseDaysData {
  /** 'YYYY-MM-DD' → "English name,中文名,天数": every rest day of the schedule (weekends inside it too). */
  holidays: Record<string, string>;
  /** 调休上班日, same value format. */
  workdays: Record<string, string>;
  /** The rest days that are paid back by a 调休上班日 (a subset of holidays; not needed here). */
  inLieuDays: Record<string, string>;
}

const require = createRequire(import.meta.url);
let published: PublishedDay[] | undefined;

function chineseName(value: string): string {
  const parts = value.split(',');
  return (parts.length >= 3 ? parts[parts.length - 2]! : parts[0]!).trim().slice(0, 100);
}

/**
 * Every day of the State Council holiday schedules (国务院办公厅 放假通知) that the chinese-days package
 * covers (2004 to its latest year), sorted by day.
 */
export function publishedDays(): PublishedDay[] {
  if (!published) {
    // The package's main entry has functions only; the raw schedule is this JSON file of the package.
    const data = require('chinese-days/dist/chinese-days.json') as ChineseDaysData;
    const out: PublishedDay[] = [];
    for (const [day, v] of Object.entries(data.holidays))
      out.push({ day, kind: 'holiday', name: chineseName(v) });
    for (const [day, v] of Object.entries(data.workdays))
      out.push({ day, kind: 'workday', name: chineseName(v) });
    published = out.sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0));
  }
  return published;
}
