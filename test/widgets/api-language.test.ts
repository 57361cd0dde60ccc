/**
 * The widgets ask the API for their page's language (`Accept-Language`), so a message shown
 * as the API wrote it matches the page: Chinese by default, English once a widget is told
 * `locale="en"`. A caller's own header still wins.
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
  it('is Chinese by default and English for locale="en"', async () => {
    // Prepare
    const sent = recordRequests();
    const api = new OneTripApi('https://api.example.gov.cn');

    // Act
    await api.get('v1/catalog');
    await useLocale('en');
    await api.post('v1/uploads', {});

    // Assess
    expect(sent.map((h) => h.get('accept-language'))).toEqual(['zh-CN', 'en']);
  });

  it('yields to a header the caller sends itself', async () => {
    const sent = recordRequests();
    await new OneTripApi('https://api.example.gov.cn').post('v1/uploads', {}, { headers: { 'accept-language': 'en' } });
    expect(sent[0]!.get('accept-language')).toBe('en');
  });
});
