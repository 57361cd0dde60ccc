/**
 * `canonical()` is the serialization every timeline hash rests on: equal content must give
 * the same string whatever order it was built in, and the string is pinned here character
 * by character, so a change to it (which would break every stored chain) cannot pass unseen.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonical } from '../../functions/domain/canonical.js';

describe('canonical', () => {
  it('sorts object keys, whatever order they were added in', () => {
    // Prepare
    const built = { seq: 1, action: 'case.submitted', at: '2026-11-27T02:00:00.000Z' };
    const reversed = { at: '2026-11-27T02:00:00.000Z', action: 'case.submitted', seq: 1 };

    // Act
    const [a, b] = [canonical(built), canonical(reversed)];

    // Assess
    expect(a).toBe('{"action":"case.submitted","at":"2026-11-27T02:00:00.000Z","seq":1}');
    expect(b).toBe(a);
  });

  it('sorts keys as strings by UTF-16 code unit, not as numbers nor by code point', () => {
    // Object.entries lists integer-like keys first in numeric order; canonical re-sorts them as strings.
    expect(canonical({ 9: 'a', 10: 'b', b: 'c', a: 'd' })).toBe('{"10":"b","9":"a","a":"d","b":"c"}');
    // Upper case before lower, Latin-1 before CJK; an astral character (a surrogate pair,
    // D83D…) sorts before U+FF5A, though its code point is higher.
    expect(canonical({ ｚ: 1, '😀': 2, é: 3, z: 4, 中: 5, Z: 6 })).toBe('{"Z":6,"z":4,"é":3,"中":5,"😀":2,"ｚ":1}');
  });

  it('sorts nested objects at every depth, inside arrays too', () => {
    const value = { b: { d: [{ z: 1, y: { q: 2, p: 3 } }], c: {} }, a: [] };
    expect(canonical(value)).toBe('{"a":[],"b":{"c":{},"d":[{"y":{"p":3,"q":2},"z":1}]}}');
  });

  it('keeps the order of arrays: it is content', () => {
    expect(canonical(['b', 'a', 2, 1])).toBe('["b","a",2,1]');
    expect(canonical([['x'], []])).toBe('[["x"],[]]');
    expect(canonical(['b', 'a'])).not.toBe(canonical(['a', 'b']));
  });

  it('drops undefined members but keeps null and false', () => {
    expect(canonical({ a: undefined, b: null, c: false, d: 0, e: '' })).toBe('{"b":null,"c":false,"d":0,"e":""}');
    expect(canonical({ detail: undefined })).toBe(canonical({}));
  });

  it('writes unicode as itself, escaping only what JSON must', () => {
    expect(canonical({ name: '李湘君', city: '岳阳市', emoji: '🚚' })).toBe('{"city":"岳阳市","emoji":"🚚","name":"李湘君"}');
    expect(canonical('say "hi"\\\n\t\u0000')).toBe('"say \\"hi\\"\\\\\\n\\t\\u0000"');
    // A lone surrogate is escaped, so the string is always valid UTF-8 to hash.
    expect(canonical('\ud800')).toBe('"\\ud800"');
    // The JSON spec allows U+2028 raw, and JSON.stringify writes it raw.
    expect(canonical('a\u2028b')).toBe('"a\u2028b"');
  });

  it('writes numbers as JSON does: shortest round-trip form, no negative zero, no non-finite values', () => {
    expect(canonical([1, 1.0, -1, 0.1, 1.5e-7, 1e21, 2 ** 53, 12_345_678.9])).toBe('[1,1,-1,0.1,1.5e-7,1e+21,9007199254740992,12345678.9]');
    expect(canonical([-0, 0])).toBe('[0,0]');
    expect(canonical([NaN, Infinity, -Infinity])).toBe('[null,null,null]');
  });

  it('is JSON that parses back to the same content, for any JSON value', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const text = canonical(value);
        expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(value)));
        expect(canonical(JSON.parse(text))).toBe(text);
      }),
    );
  });

  it('gives one string for equal objects built in any key order', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue()), (record) => {
        const shuffled = Object.fromEntries(Object.entries(record).reverse());
        expect(canonical(shuffled)).toBe(canonical(record));
      }),
    );
  });
});
