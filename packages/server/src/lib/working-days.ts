/**
 * Working days in France: Monday to Friday, less the eleven national public holidays (Code du
 * travail L3133-1; the Alsace-Moselle extras are left out). Dates are calendar dates
 * `YYYY-MM-DD` in Europe/Paris, the time zone in which the public bodies count their days.
 */

const DAY_MS = 24 * 60 * 60 * 1000;

/** Easter Sunday of `year` (Gregorian computus, anonymous algorithm), as a UTC date. */
export function easterSunday(year: number): Date {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return new Date(Date.UTC(year, month - 1, day));
}

const iso = (d: Date) => d.toISOString().slice(0, 10);
const holidayCache = new Map<number, Set<string>>();

/** The French national public holidays of `year`, as `YYYY-MM-DD`. */
export function frenchPublicHolidays(year: number): Set<string> {
  let set = holidayCache.get(year);
  if (set) return set;
  const easter = easterSunday(year).getTime();
  const plus = (days: number) => iso(new Date(easter + days * DAY_MS));
  set = new Set([
    `${year}-01-01`,
    plus(1), // lundi de Pâques
    `${year}-05-01`,
    `${year}-05-08`,
    plus(39), // Ascension
    plus(50), // lundi de Pentecôte
    `${year}-07-14`,
    `${year}-08-15`,
    `${year}-11-01`,
    `${year}-11-11`,
    `${year}-12-25`,
  ]);
  holidayCache.set(year, set);
  return set;
}

/** Whether a calendar date is a working day. */
export function isWorkingDay(date: string): boolean {
  const d = new Date(`${date}T00:00:00Z`);
  const weekday = d.getUTCDay();
  if (weekday === 0 || weekday === 6) return false;
  return !frenchPublicHolidays(d.getUTCFullYear()).has(date);
}

/** The date `days` calendar days after `date` (negative: before). */
export function addDays(date: string, days: number): string {
  return iso(new Date(new Date(`${date}T00:00:00Z`).getTime() + days * DAY_MS));
}

/**
 * Working days from `start` to `end`: those after `start` up to `end` included (a question
 * asked on Monday has waited one working day on Tuesday). 0 when `end` is not after `start`.
 */
export function workingDaysBetween(start: string, end: string): number {
  let count = 0;
  // Bounded: a thread is never decades old; a corrupt date must not spin for long either.
  for (let d = addDays(start, 1), i = 0; d <= end && i < 40_000; d = addDays(d, 1), i++) {
    if (isWorkingDay(d)) count++;
  }
  return count;
}

/**
 * The `n`-th working day counting back from `date` (`date` itself is the first when it is one).
 * A start before the (n+1)-th has waited more than n working days by `date`.
 */
export function nthWorkingDayBack(date: string, n: number): string {
  let d = date;
  for (let left = n; ; d = addDays(d, -1)) {
    if (isWorkingDay(d) && --left <= 0) return d;
  }
}

const parisDate = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Paris',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** The calendar date in Paris of an instant. */
export function dateInParis(at: Date): string {
  return parisDate.format(at);
}

const parisOffset = new Intl.DateTimeFormat('en-US', {
  timeZone: 'Europe/Paris',
  timeZoneName: 'longOffset',
});

/** The instant at which a Paris calendar date begins. */
export function startOfParisDay(date: string): Date {
  const noon = new Date(`${date}T12:00:00Z`);
  const name = parisOffset.formatToParts(noon).find((p) => p.type === 'timeZoneName')?.value;
  const match = /GMT([+-])(\d{2}):(\d{2})/.exec(name ?? '');
  const minutes = match ? (match[1] === '-' ? -1 : 1) * (+match[2]! * 60 + +match[3]!) : 0;
  return new Date(new Date(`${date}T00:00:00Z`).getTime() - minutes * 60_000);
}
