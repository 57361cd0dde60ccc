/**
 * Masking of personal data in what an applicant, a verifier or a third party sees: a
 * person's name keeps the family name, an address keeps its first six characters and
 * hides how long the rest is, identity numbers and phones keep only their ends. Counted
 * in characters (code points), so a rare surname outside the BMP is kept whole.
 */
import { describe, expect, it } from 'vitest';
import { maskAddress, maskIdNumber, maskName, maskPhone, redactContacts, redactedError } from '../../functions/domain/masking.js';
import { caseView } from '../../functions/domain/views.js';
import type { CaseRecord } from '../../functions/domain/records.js';
import type { TimelineEntry } from '../../functions/domain/timeline.js';

describe('maskName', () => {
  it('keeps the family name (the first character) and hides each of the others', () => {
    expect(maskName('李湘君')).toBe('李**');
    expect(maskName('欧阳修')).toBe('欧**');
    expect(maskName('李四')).toBe('李*');
    expect(maskName('Zhang San')).toBe('Z********');
  });

  it('keeps a surname outside the BMP whole, and counts characters, not UTF-16 units', () => {
    expect(maskName('𠮷野家')).toBe('𠮷**');
    expect(maskName('李𠮷')).toBe('李*');
  });

  it('hides a one-character name entirely, and answers something for an empty one', () => {
    expect(maskName('李')).toBe('*');
    expect(maskName('')).toBe('*');
  });
});

describe('maskAddress', () => {
  it('keeps the first six characters and four stars, whatever the length of the rest', () => {
    expect(maskAddress('巴陵中路88号2栋301室')).toBe('巴陵中路88****');
    expect(maskAddress('巴陵中路88号')).toBe('巴陵中路88****');
    expect(maskAddress('巴陵中路88号' + '很长的地址'.repeat(10))).toBe('巴陵中路88****');
  });

  it('hides an address of six characters or fewer entirely', () => {
    expect(maskAddress('巴陵中路1号')).toBe('******');
    expect(maskAddress('1号')).toBe('**');
    expect(maskAddress('')).toBe('');
  });

  it('counts characters, so a surrogate pair is never split', () => {
    expect(maskAddress('𠮷𠮷𠮷𠮷𠮷𠮷𠮷')).toBe('𠮷𠮷𠮷𠮷𠮷𠮷****');
  });
});

describe('maskIdNumber and maskPhone', () => {
  it('keep four characters at each end of an identity number', () => {
    expect(maskIdNumber('430602199001011234')).toBe('4306**********1234');
    expect(maskIdNumber('91430600MA4T8K2L39')).toBe('9143**********2L39');
    expect(maskIdNumber('123456789')).toBe('1234*6789');
    expect(maskIdNumber('12345678')).toBe('********');
  });

  it('keep the network prefix and the last four digits of a mobile number', () => {
    expect(maskPhone('13907301234')).toBe('139****1234');
    expect(maskPhone('0730-8888888')).toBe('0730****8888');
  });
});

/** The verification page does not matter to masking. */
const noPage = (code: string) => `https://portal.example/verify.html?code=${code}`;

describe('the applicant’s view of a case', () => {
  const record = (applicant: CaseRecord['applicant'], detail: string) =>
    ({
      caseId: 'c1', receiptNumber: '430600-20261127-000001', status: 'submitted', itemCode: '000105002000', itemName: { zh: '食品经营许可', en: 'Food business licence' },
      catalogVersion: '2026.11.3', applicant, submittedAt: '2026-11-27T02:00:00.000Z', promisedDate: '2026-12-04', trips: 0, notices: [], correctionsUsed: 0,
      materials: [], deferred: [], stages: [], version: 1, timeline: { seq: 0, hash: '0'.repeat(64) },
      delivery: { mode: 'courier', address: { recipient: '李湘君', phone: '13907301234', province: '湖南省', city: '岳阳市', district: '岳阳楼区', detail } },
    }) as unknown as CaseRecord;

  it('masks a person’s name, identity number, phone and street address, and shows no recipient', () => {
    // Act
    const view = caseView(record({ type: 'person', name: '李湘君', idType: 'resident_id', idNumber: '430602199001011234', phone: '13907301234' }, '巴陵中路88号2栋301室'), [], [], [], noPage);

    // Assess
    expect(view.applicant).toEqual({ type: 'person', name: '李**', idNumber: '4306**********1234', phone: '139****1234' });
    expect(view.delivery.address).toEqual({ city: '岳阳市', district: '岳阳楼区', detail: '巴陵中路88****' });
    expect(JSON.stringify(view)).not.toMatch(/湘君|2栋301|430602199001011234|13907301234/);
  });

  it('shows a notification’s entry with which message went where (masked), and no other entry’s detail', () => {
    // Arrange
    const entry = (seq: number, action: string, detail: Record<string, unknown>) => ({ seq, at: '2026-11-27T02:00:00.000Z', actor: { type: 'system', id: 'x' }, action, detail, prevHash: '', hash: '' });
    const timeline = [
      entry(1, 'case.submitted', { idNumber: '430602199001011234' }),
      entry(2, 'notification.delivered', { template: 'submitted', channel: 'sms', to: '139****1234' }),
    ] as unknown as TimelineEntry[];

    // Act
    const view = caseView(record({ type: 'person', name: '李湘君', idType: 'resident_id', idNumber: '430602199001011234', phone: '13907301234' }, '巴陵中路88号'), [], timeline, [], noPage);

    // Assess
    expect(view.timeline.map((e) => e.detail)).toEqual([undefined, { template: 'submitted', channel: 'sms', to: '139****1234' }]);
  });

  it('shows a company’s name, which is public, and masks the rest', () => {
    const view = caseView(record({ type: 'company', name: '岳阳市洞庭鲜食品有限公司', idType: 'credit_code', idNumber: '91430600MA4T8K2L39', phone: '13907301234' }, '巴陵中路88号'), [], [], [], noPage);
    expect(view.applicant).toEqual({ type: 'company', name: '岳阳市洞庭鲜食品有限公司', idNumber: '9143**********2L39', phone: '139****1234' });
  });
});

describe('redactContacts', () => {
  it('masks every phone number and email address in a provider\'s words, and leaves the rest', () => {
    expect(redactContacts('13907309999 is not a number a carrier can deliver to (invalid_number, HTTP 400)')).toBe('139****9999 is not a number a carrier can deliver to (invalid_number, HTTP 400)');
    expect(redactContacts('+8613907301234 refused; li.ming@bounce.example bounced on 2026-12-09')).toBe('+861******1234 refused; l***@bounce.example bounced on 2026-12-09');
    expect(redactContacts('13907301234@qq.com: mailbox full')).toBe('1***@qq.com: mailbox full');
    // As logged: no stack (it repeats the message), the code and kind kept.
    const error = Object.assign(new Error('13907309999 is not a number a carrier can deliver to'), { code: 'MESSAGE_REFUSED', kind: 'unprocessable' });
    expect(redactedError(error)).toEqual({ name: 'Error', code: 'MESSAGE_REFUSED', kind: 'unprocessable', message: '139****9999 is not a number a carrier can deliver to' });
  });
});
