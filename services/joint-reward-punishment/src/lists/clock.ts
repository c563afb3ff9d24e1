import { Injectable } from '@nestjs/common';
import { chinaDateOf, isValidIsoDate, type IsoDate } from '@credit/domain';

/** Today's date in China (Asia/Shanghai). Tests may fix it (the clock is the one external thing they swap). */
@Injectable()
export class JrpClock {
  private fixed: IsoDate | null = null;

  today(): IsoDate {
    return this.fixed ?? chinaDateOf(new Date());
  }

  /** Test hook: pin `today()` to a date (null = the real date again). */
  fix(date: IsoDate | null): void {
    if (date !== null && !isValidIsoDate(date)) throw new RangeError(`not a date: ${date}`);
    this.fixed = date;
  }
}

/** The China date of an RFC 3339 instant carried by an event, or `fallback` when absent or malformed. */
export function eventDay(rfc3339: string | undefined, fallback: IsoDate): IsoDate {
  if (!rfc3339) return fallback;
  if (isValidIsoDate(rfc3339)) return rfc3339;
  const instant = new Date(rfc3339);
  return Number.isNaN(instant.getTime()) ? fallback : chinaDateOf(instant);
}
