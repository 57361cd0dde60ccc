/**
 * The free-text rule (contracts/text.ts) per character class, and how a refused text reads
 * as a field error through the API's validator and the applicant schema.
 */
import { describe, expect, it } from 'vitest';
import { isMultilineText, isText, textProblem, textProblemsIn } from '../../contracts/text.js';
import applicantSchema from '../../contracts/schemas/applicant.schema.json' with { type: 'json' };
import { ValidationError } from '../../functions/domain/errors.js';
import { validator } from '../../functions/lambda/validate.js';
import { localizedError } from '../../functions/lambda/messages.js';

describe('textProblem', () => {
  it('accepts Chinese, Latin, CJK Extension B and emoji names', () => {
    for (const name of ['李湘君', 'Zhang San', '岳阳市洞庭鲜食品有限公司', '𠀀𪚥', '王 小明', '阿卜杜·热合曼']) expect(textProblem(name), name).toBeUndefined();
  });

  it('refuses every C0 control, DEL and every C1 control on one line, naming the character', () => {
    for (const code of [...Array.from({ length: 0x20 }, (_, i) => i), 0x7f, ...Array.from({ length: 0x20 }, (_, i) => 0x80 + i)]) {
      const c = String.fromCodePoint(code);
      expect(textProblem(`李${c}君`), `U+${code.toString(16)}`).toEqual({ rule: 'control_character', codePoint: `U+${code.toString(16).toUpperCase().padStart(4, '0')}` });
    }
  });

  it('lets a multi-line field hold tab and line breaks, and nothing else of the controls', () => {
    expect(textProblem('第一行\n第二行\r\n\t第三行', { multiline: true })).toBeUndefined();
    expect(textProblem('第一行\n第二行')).toEqual({ rule: 'control_character', codePoint: 'U+000A' });
    expect(textProblem('意见\u0000', { multiline: true })).toEqual({ rule: 'control_character', codePoint: 'U+0000' });
    expect(textProblem('意见\u0085', { multiline: true })).toEqual({ rule: 'control_character', codePoint: 'U+0085' });
  });

  it('refuses bidi embeddings, overrides and isolates', () => {
    for (const code of [0x202a, 0x202b, 0x202c, 0x202d, 0x202e, 0x2066, 0x2067, 0x2068, 0x2069]) {
      expect(textProblem(`abc${String.fromCodePoint(code)}def`)?.rule, code.toString(16)).toBe('bidi_control');
    }
    // The marks that only nudge direction are not overrides.
    expect(textProblem('abc\u200edef')).toBeUndefined();
  });

  it('refuses a lone high or low surrogate, and accepts a proper pair', () => {
    expect(textProblem('李\ud840')).toEqual({ rule: 'lone_surrogate', codePoint: 'U+D840' });
    expect(textProblem('\udc00君')).toEqual({ rule: 'lone_surrogate', codePoint: 'U+DC00' });
    expect(textProblem('\ud840\udc00')).toBeUndefined();
  });

  it('refuses blank and untrimmed text, ideographic spaces included', () => {
    expect(textProblem('')).toEqual({ rule: 'blank' });
    expect(textProblem(' \u3000 ')).toEqual({ rule: 'blank' });
    expect(textProblem(' 李湘君')).toEqual({ rule: 'untrimmed' });
    expect(textProblem('李湘君\u3000')).toEqual({ rule: 'untrimmed' });
    expect(textProblem(' 李湘君', { charactersOnly: true })).toBeUndefined();
  });

  it('backs the text and text-multiline formats', () => {
    expect(isText('李湘君')).toBe(true);
    expect(isText('李\n湘君')).toBe(false);
    expect(isMultilineText('李\n湘君')).toBe(true);
    expect(isMultilineText('李\u202e湘君')).toBe(false);
  });

  it('finds refused characters anywhere in a form, by JSON pointer', () => {
    expect(textProblemsIn({ projectName: 'ok', rooms: [{ label: 'a\u0007' }], 'a/b': '\ud800' }, '/form')).toEqual([
      { path: '/form/rooms/0/label', rule: 'control_character', codePoint: 'U+0007' },
      { path: '/form/a~1b', rule: 'lone_surrogate', codePoint: 'U+D800' },
    ]);
  });
});

describe('a refused name through the API validator', () => {
  const validate = validator(applicantSchema, 'applicant');
  const applicant = { type: 'person', idType: 'resident_id', idNumber: '430602199003071231', phone: '13800138000' };

  it('names the field and the rule, with the character, in English and Chinese', () => {
    // Act
    let error: unknown;
    try {
      validate({ ...applicant, name: '李\u202e湘君' }, '/applicant');
    } catch (e) {
      error = e;
    }

    // Assess
    expect(error).toBeInstanceOf(ValidationError);
    const fields = (error as ValidationError).fields ?? [];
    expect(fields).toEqual([expect.objectContaining({ path: '/applicant/name', rule: 'bidi_control', params: { format: 'text', codePoint: 'U+202E' } })]);
    expect(localizedError(error as ValidationError, 'zh').fields?.[0]?.message).toBe('不能含有双向文字控制字符 U+202E');
    expect(localizedError(error as ValidationError, 'en').fields?.[0]?.message).toBe('must not contain the bidirectional control character U+202E');
  });

  it('accepts a clean name', () => {
    expect(() => validate({ ...applicant, name: '李湘君' })).not.toThrow();
  });
});
