// The hosted pages' one script (they allow no inline script): the language (?lang=en, for the
// page's own text and the widgets) and the code a certificate's QR code puts in the address.
const params = new URLSearchParams(location.search);
const english = params.get('lang') === 'en';

if (english) {
  document.documentElement.lang = 'en';
  for (const el of document.querySelectorAll('[data-en]')) el.textContent = el.dataset.en;
  document.title = document.querySelector('h1')?.textContent ?? document.title;
  for (const el of document.querySelectorAll('onetrip-verify')) el.setAttribute('locale', 'en');
}

// The switch names the other language, in that language, and keeps the rest of the address.
for (const a of document.querySelectorAll('a.lang')) {
  const other = new URL(location.href);
  if (english) other.searchParams.delete('lang');
  else other.searchParams.set('lang', 'en');
  a.href = `${other.pathname}${other.search}`;
  a.lang = english ? 'zh-CN' : 'en';
  a.textContent = english ? '中文' : 'English';
}

const code = params.get('code');
if (code) for (const el of document.querySelectorAll('onetrip-verify')) el.setAttribute('code', code);
