// The portal's own small script: a language switch for the embedded widgets (?lang=en)
// that the whole visit keeps (every link of the portal carries it, and the switch leads
// back to Chinese), the track page reading ?receipt=&queryCode= and a link to it once an
// application is in, and the verification page reading ?code= (the URL in a certificate's
// QR code).
const params = new URLSearchParams(location.search);
const english = params.get('lang') === 'en';

/** The same-origin address `href`, in this page's language. */
function inLanguage(href, en) {
  const url = new URL(href, location.href);
  if (en) url.searchParams.set('lang', 'en');
  else url.searchParams.delete('lang');
  return url.origin === location.origin ? `${url.pathname}${url.search}${url.hash}` : url.href;
}

if (english) {
  for (const el of document.querySelectorAll('onetrip-service-guide, onetrip-apply, onetrip-track, onetrip-fee-ticket, onetrip-verify')) el.setAttribute('locale', 'en');
  for (const a of document.querySelectorAll('a[href]')) {
    const href = a.getAttribute('href');
    if (href.startsWith('#') || a.classList.contains('lang') || new URL(href, location.href).origin !== location.origin) continue;
    a.setAttribute('href', inLanguage(href, true));
  }
}

// The switch names the other language, in that language, and keeps the rest of the address.
for (const a of document.querySelectorAll('a.lang')) {
  a.setAttribute('href', inLanguage(location.href, !english));
  a.setAttribute('lang', english ? 'zh-CN' : 'en');
  a.textContent = english ? '中文' : 'English';
}

const receipt = params.get('receipt');
const queryCode = params.get('queryCode');
if (receipt && queryCode) {
  for (const el of document.querySelectorAll('onetrip-track')) {
    el.setAttribute('receipt', receipt);
    el.setAttribute('query-code', queryCode);
  }
}
const verificationCode = params.get('code');
if (verificationCode) for (const el of document.querySelectorAll('onetrip-verify')) el.setAttribute('code', verificationCode);
// The address keeps the code last verified, so it can be bookmarked or shared as it is.
document.addEventListener('onetrip-verified', (event) => {
  const verified = new URL(location.href);
  verified.searchParams.set('code', event.detail.verificationCode);
  history.replaceState(null, '', verified);
});
document.addEventListener('onetrip-submitted', (event) => {
  const { receiptNumber, queryCode: code } = event.detail ?? {};
  const slot = document.getElementById('after-submit');
  if (!slot || !receiptNumber) return;
  const link = document.createElement('a');
  link.href = inLanguage(`/track.html?receipt=${encodeURIComponent(receiptNumber)}&queryCode=${encodeURIComponent(code ?? '')}`, english);
  if (english) {
    link.lang = 'en';
    link.textContent = `Track application ${receiptNumber}`;
    const words = Object.assign(document.createElement('span'), { lang: 'en', textContent: 'Your application is in. Note the receipt number and the query code.' });
    slot.replaceChildren(words, ' ', link);
  } else {
    link.textContent = `查询办件 ${receiptNumber} 的进度`;
    slot.replaceChildren('申请已提交。请记下受理编号和查询码。', ' ', link);
  }
  slot.hidden = false;
});
