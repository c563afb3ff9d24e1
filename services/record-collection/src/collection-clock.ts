import { Injectable } from '@nestjs/common';
import { chinaDateOf, type IsoDate } from '@credit/domain';

/**
 * Today's date for record-collection (Asia/Shanghai): the day a record is received (双公示 timeliness), a
 * commitment is made, a catalogue version comes into force. The only clock of the service, so tests can
 * stand on another day.
 */
@Injectable()
export class CollectionClock {
  today(): IsoDate {
    return chinaDateOf(new Date());
  }
}
