/**
 * The widgets ask the API for its messages in English whatever the page's or the
 * browser's language (widgets/src/shared/api.ts): they show errors in their own words, by
 * code, and the apply widget reads details of its field errors from the English messages,
 * which a Chinese browser's `Accept-Language` would otherwise turn into Chinese ones.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { OneTripApi } from '../../widgets/src/shared/api.js';
import { useLocale } from '../../widgets/src/shared/localize.js';

/** Answers every request with `{}` and returns the headers each was sent with. */
function recordRequests(): Headers[] {
  const sent: Headers[] = [];
  // lit-localize announces a change of locale on `window`; Node has no window, an event target stands in.
  vi.stubGlobal('window', new EventTarget());
  vi.stubGlobal('fetch', async (_url: string, init: RequestInit) => {
    sent.push(new Headers(init.headers));
    return new Response('{}', { status: 200, headers: { 'content-type': 'application/json' } });
  });
  return sent;
}

afterEach(async () => {
  await useLocale(undefined);
  vi.unstubAllGlobals();
});

describe('the language the widgets ask the API for', () => {
  it('is English on a Chinese page and on an English one', async () => {
    // Prepare
    const sent = recordRequests();
    const api = new OneTripApi('https://api.example.gov.cn');

    // Act
    await api.get('v1/catalog');
    await useLocale('en');
    await api.post('v1/uploads', {});

    // Assess
    expect(sent.map((h) => h.get('accept-language'))).toEqual(['en', 'en']);
  });

  it('yields to a header the caller sends itself', async () => {
    const sent = recordRequests();
    await new OneTripApi('https://api.example.gov.cn').post('v1/uploads', {}, { headers: { 'accept-language': 'zh-CN' } });
    expect(sent[0]!.get('accept-language')).toBe('zh-CN');
  });
});
