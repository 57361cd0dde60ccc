/**
 * The API answers its errors in the caller's language, through the local gateway and the
 * deployed handlers' bundles: Chinese with no `Accept-Language` and for `zh-CN`, English
 * for `en-US,en;q=0.9`, saying which in `Content-Language`, for an error of the API's own
 * wording, a schema's field errors (ajv-i18n) and a rule's field error (a due date on a day
 * off).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shanghaiDate } from '../../contracts/dates.js';
import { dayNumber, defaultCalendar, fromDayNumber } from '../../functions/domain/calendar.js';
import { Api } from '../support/api.js';
import { foodLicenceApplication } from '../support/fixtures.js';
import { startTestPlatform, type TestPlatform } from '../support/platform.js';

let t: TestPlatform;

beforeAll(async () => {
  t = await startTestPlatform();
});
afterAll(async () => {
  await t?.stop();
});

/** The three callers: one that states no language (fetch sends `*`), a Chinese browser, an English one. */
const callers = () => [
  { who: 'no language of its own', api: new Api(t.platform.url, null), language: 'zh-CN' },
  { who: 'zh-CN', api: new Api(t.platform.url, 'zh-CN'), language: 'zh-CN' },
  { who: 'en-US,en;q=0.9', api: new Api(t.platform.url, 'en-US,en;q=0.9'), language: 'en' },
] as const;

describe('errors in the caller\'s language', () => {
  it('words a wrong query code in Chinese by default and for zh-CN, in English for en', async () => {
    // Prepare
    const path = '/v1/applications/4306002026120700001?queryCode=WRONGCODE1';
    const expected = {
      'zh-CN': '没有与该受理编号和查询码相符的申请',
      en: 'No application matches this receipt number and query code',
    };

    for (const { who, api, language } of callers()) {
      // Act
      const reply = await api.get(path);

      // Assess
      expect(reply.status, who).toBe(404);
      expect(reply.headers.get('content-language'), who).toBe(language);
      expect(reply.headers.get('vary'), who).toMatch(/Accept-Language/i);
      expect(reply.body.error, who).toEqual({ code: 'APPLICATION_NOT_FOUND', message: expected[language] });
    }
  });

  it('words a schema\'s field errors in both languages', async () => {
    // Prepare: an application without an applicant, an empty catalog version (worded by ajv-i18n), a member no schema knows
    const body = { catalogVersion: '', itemCode: '000105002000', form: {}, materials: [], delivery: { mode: 'electronic' }, extra: true };
    const [none, zh, en] = callers();

    // Act
    const replies = await Promise.all([none, zh, en].map((c) => c.api.submit(body)));

    // Assess
    for (const reply of replies.slice(0, 2)) {
      expect(reply.status).toBe(400);
      expect(reply.headers.get('content-language')).toBe('zh-CN');
      expect(reply.body.error.code).toBe('VALIDATION_FAILED');
      expect(reply.body.error.message).toBe('请求未通过校验，请按各项说明修改');
      expect(reply.body.error.fields).toEqual(expect.arrayContaining([
        { path: '/applicant', message: '必填', rule: 'required' },
        { path: '/extra', message: '不是可识别的字段', rule: 'unknown_member' },
        { path: '/catalogVersion', message: '不应少于 1 个字符', rule: 'min_length', params: { limit: 1 } },
      ]));
      expect(reply.body.error.fields.map((f: { message: string }) => f.message).join('')).not.toMatch(/[A-Za-z]{2,}/);
    }
    const english = replies[2]!;
    expect(english.headers.get('content-language')).toBe('en');
    expect(english.body.error.fields).toEqual(expect.arrayContaining([
      { path: '/applicant', message: 'is required', rule: 'required' },
      { path: '/extra', message: 'is not a known member', rule: 'unknown_member' },
      { path: '/catalogVersion', message: 'must NOT have fewer than 1 characters', rule: 'min_length', params: { limit: 1 } },
    ]));
  });

  it('words a rule\'s field error, a due date on a day off, in both languages', async () => {
    // Prepare: the first day off within the promised limit
    const today = shanghaiDate(new Date());
    const promised = defaultCalendar.addWorkingDays(today, 5);
    let dayOff = defaultCalendar.addWorkingDays(today, 1);
    while (defaultCalendar.isWorkingDay(dayOff) && dayOff < promised) dayOff = fromDayNumber(dayNumber(dayOff) + 1);
    expect(defaultCalendar.isWorkingDay(dayOff)).toBe(false);
    const [, zh, en] = callers();

    // Act
    const inChinese = await zh.api.submit(await foodLicenceApplication((c, type) => zh.api.upload(c, type), dayOff));
    const inEnglish = await en.api.submit(await foodLicenceApplication((c, type) => en.api.upload(c, type), dayOff));

    // Assess
    expect(inChinese.status).toBe(400);
    expect(inChinese.body.error.fields).toEqual([0, 1].map((i) => ({
      path: `/deferred/${i}/dueDate`,
      message: `${dayOff} 不是工作日（周末或法定节假日），请选择工作日`,
      rule: 'not_working_day',
      params: { date: dayOff },
    })));
    expect(inEnglish.body.error.fields).toEqual([0, 1].map((i) => ({
      path: `/deferred/${i}/dueDate`,
      message: `${dayOff} is not a working day (a weekend or public holiday): choose a working day`,
      rule: 'not_working_day',
      params: { date: dayOff },
    })));
  });
});
