// The portal's own small script: a language switch for the embedded widgets (?lang=en),
// the track page reading ?receipt=&queryCode= and a link to it once an application is in.
const params = new URLSearchParams(location.search);
if (params.get('lang') === 'en') {
  for (const el of document.querySelectorAll('onetrip-service-guide, onetrip-apply, onetrip-track, onetrip-fee-ticket')) el.setAttribute('locale', 'en');
}
const receipt = params.get('receipt');
const queryCode = params.get('queryCode');
if (receipt && queryCode) {
  for (const el of document.querySelectorAll('onetrip-track')) {
    el.setAttribute('receipt', receipt);
    el.setAttribute('query-code', queryCode);
  }
}
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
