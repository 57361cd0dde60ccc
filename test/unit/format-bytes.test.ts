/**
 * File sizes as the widgets word them (widgets/src/shared/format.ts): a file under a
 * kilobyte is told in bytes, never as "0 kB" (issue 11: a 22-byte upload read "（0 kB）").
 */
import { describe, expect, it } from 'vitest';
import { formatBytes } from '../../widgets/src/shared/format.js';

describe('formatBytes', () => {
  it('tells a file under a kilobyte in bytes, and larger ones in kB and MB', () => {
    expect(formatBytes(22)).toBe('22字节');
    expect(formatBytes(0)).toBe('0字节');
    expect(formatBytes(1023)).toBe('1,023字节');
    expect(formatBytes(1536)).toBe('1.5 kB');
    expect(formatBytes(10 * 1024 * 1024)).toBe('10 MB');
  });
});
