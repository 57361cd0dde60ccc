// The portal's own small script: a language switch for the embedded widgets (?lang=en),
// the track page reading ?receipt=&queryCode= and a link to it once an application is in,
// the verification page reading ?code= (the URL in a certificate's QR code).
const params = new URLSearchParams(location.search);
if (params.get('lang') === 'en') {
  for (const el of document.querySelectorAll('onetrip-service-guide, onetrip-apply, onetrip-track, onetrip-fee-ticket, onetrip-verify')) el.setAttribute('locale', 'en');
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
  link.href = `/track.html?receipt=${encodeURIComponent(receiptNumber)}&queryCode=${encodeURIComponent(code ?? '')}`;
  link.textContent = `查询办件 ${receiptNumber} 的进度`;
  slot.replaceChildren('申请已提交。请记下受理编号和查询码。', ' ', link);
  slot.hidden = false;
});
