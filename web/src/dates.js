// Dates as the API gives them (YYYY, YYYY-MM, YYYY-MM-DD) and days as UTC Dates.

import { utcDay } from 'd3-time';

/** [first day, day after the last] of a YYYY / YYYY-MM / YYYY-MM-DD value, or null. */
export function bounds(value) {
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(value || '');
  if (!m) return null;
  const year = Number(m[1]);
  if (m[3]) {
    const first = new Date(Date.UTC(year, Number(m[2]) - 1, Number(m[3])));
    return [first, utcDay.offset(first, 1)];
  }
  if (m[2]) {
    const month = Number(m[2]) - 1;
    return [new Date(Date.UTC(year, month, 1)), new Date(Date.UTC(year, month + 1, 1))];
  }
  return [new Date(Date.UTC(year, 0, 1)), new Date(Date.UTC(year + 1, 0, 1))];
}

/** A UTC Date as YYYY-MM-DD. */
export function ymd(date) {
  return date.toISOString().slice(0, 10);
}

/** A day as a UTC Date, from YYYY-MM-DD. */
export function day(value) {
  return new Date(`${value}T00:00:00Z`);
}
