const pad = (value: number, width = 2) => String(value).padStart(width, '0');

/**
 * `YYYY-MM-DD HH:MM:SS.mmm` in local time. With `offsetMinutes` (east of UTC, e.g. 120 for UTC+2) the offset is
 * fixed; without it the process's time zone is used, daylight saving time included.
 */
export function formatLocalTime(time: number, offsetMinutes?: number): string {
  return computeLocalTime(time, offsetMinutes);
}

/**
 * A `formatLocalTime` with a per-second cache: local-time getters are slow and the date-and-second prefix
 * changes once a second (the logger formats one line per request).
 */
export function createLocalTimeFormatter(offsetMinutes?: number): (time: number) => string {
  let cachedSecond = Number.NaN;
  let cachedPrefix = '';
  return (time) => {
    const second = Math.floor(time / 1000);
    if (second !== cachedSecond) {
      cachedSecond = second;
      cachedPrefix = computeLocalTime(second * 1000, offsetMinutes).slice(0, 19);
    }
    return `${cachedPrefix}.${pad(time - second * 1000, 3)}`;
  };
}

function computeLocalTime(time: number, offsetMinutes?: number): string {
  let year: number, month: number, day: number, hours: number, minutes: number, seconds: number, milliseconds: number;
  if (offsetMinutes === undefined) {
    const date = new Date(time);
    [year, month, day] = [date.getFullYear(), date.getMonth() + 1, date.getDate()];
    [hours, minutes, seconds, milliseconds] = [date.getHours(), date.getMinutes(), date.getSeconds(), date.getMilliseconds()];
  } else {
    const date = new Date(time + offsetMinutes * 60_000);
    [year, month, day] = [date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate()];
    [hours, minutes, seconds, milliseconds] = [date.getUTCHours(), date.getUTCMinutes(), date.getUTCSeconds(), date.getUTCMilliseconds()];
  }
  return `${pad(year, 4)}-${pad(month)}-${pad(day)} ${pad(hours)}:${pad(minutes)}:${pad(seconds)}.${pad(milliseconds, 3)}`;
}
