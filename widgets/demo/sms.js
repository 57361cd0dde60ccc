// The demo portal's "手机短信" page: the inbox of a test phone, as the local SMS sandbox
// captured its texts (GET /local/messages?phone=, local runtime only), newest first, each as
// the phone shows it (the county's signature first). The phone is chosen in the address
// (?phone=), from the sample links or the form; the inbox is read again every 2 seconds, and
// new texts are announced in the page's polite live region. With ?lang=en its words are
// English, as the portal's widgets are (portal.js): the page's elements carry theirs in
// `data-en`, and the ones said here are below.
const PHONE = /^\+?\d{6,15}$/;
const POLL_MS = 2000;

const params = new URLSearchParams(location.search);
const english = params.get('lang') === 'en';
const WORDS = english
  ? {
      count: (n) => `${n} text message${n === 1 ? '' : 's'}.`,
      none: 'No texts yet. Give this phone number when applying, and the texts appear here once they are sent.',
      arrived: (n) => `${n} new text message${n === 1 ? '' : 's'} arrived.`,
      unreadable: 'The texts cannot be read just now (the sandbox SMS gateway runs only on the local demo platform); trying again shortly.',
    }
  : {
      count: (n) => `共 ${n} 条短信。`,
      none: '还没有短信。申请时填写这个手机号，受理后短信会出现在这里。',
      arrived: (n) => `收到 ${n} 条新短信。`,
      unreadable: '暂时读不到短信（模拟短信网关只在本地演示平台上运行），稍后自动重试。',
    };
if (english) {
  for (const el of document.querySelectorAll('main [data-en]')) {
    el.textContent = el.dataset.en;
    el.lang = 'en';
  }
  document.getElementById('inbox-status').lang = 'en';
}
const form = document.getElementById('phone-form');
const input = document.getElementById('phone');
const error = document.getElementById('phone-error');

// The form keeps the page's language, as every link of the portal does (portal.js).
if (english) form.append(Object.assign(document.createElement('input'), { type: 'hidden', name: 'lang', value: 'en' }));

form.addEventListener('submit', (event) => {
  const phone = input.value.trim();
  input.value = phone;
  const wrong = !PHONE.test(phone);
  error.hidden = !wrong;
  input.setAttribute('aria-invalid', String(wrong));
  input.setAttribute('aria-describedby', wrong ? 'phone-error phone-hint' : 'phone-hint');
  if (wrong) {
    event.preventDefault();
    input.focus();
  }
});

const time = new Intl.DateTimeFormat(english ? 'en-GB' : 'zh-CN', { timeZone: 'Asia/Shanghai', month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit' });

function render(list, messages) {
  list.replaceChildren(
    ...messages.map((m) => {
      const item = document.createElement('li');
      item.className = 'sms';
      const text = Object.assign(document.createElement('p'), { className: 'sms-text', textContent: m.text });
      const at = Object.assign(document.createElement('time'), { dateTime: m.at, textContent: time.format(new Date(m.at)) });
      const meta = Object.assign(document.createElement('p'), { className: 'sms-meta' });
      meta.append(at);
      item.append(text, meta);
      return item;
    }),
  );
}

async function follow(phone) {
  const panel = document.getElementById('inbox-panel');
  const list = document.getElementById('inbox');
  const status = document.getElementById('inbox-status');
  document.getElementById('inbox-phone').textContent = phone;
  input.value = phone;
  panel.hidden = false;
  let shown;
  for (;;) {
    try {
      const response = await fetch(`/local/messages?phone=${encodeURIComponent(phone)}`);
      if (!response.ok) throw new Error(String(response.status));
      const { messages } = await response.json();
      const texts = messages.filter((m) => m.channel === 'sms');
      if (shown === undefined || texts.length !== shown) {
        render(list, texts);
        if (shown === undefined) status.textContent = texts.length ? WORDS.count(texts.length) : WORDS.none;
        else if (texts.length > shown) status.textContent = WORDS.arrived(texts.length - shown);
        shown = texts.length;
      }
    } catch {
      status.textContent = WORDS.unreadable;
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

const phone = params.get('phone')?.trim();
if (phone && PHONE.test(phone)) void follow(phone);
else if (phone) error.hidden = false;
