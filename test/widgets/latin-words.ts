/**
 * Finds English left in a Chinese page: every text node (and every label a screen reader
 * speaks: aria-label, title, placeholder, alt) inside the OneTrip elements, shadow roots
 * included, split into words; a word of Latin letters only is reported unless allowed.
 * Words with a digit are codes (receipt numbers, credit codes, waybills, file names) and
 * pass; so does an email address.
 */
import type { Page } from 'playwright-core';

/** Units and formats a Chinese page writes in Latin letters. */
export const LATIN_ALLOWED = ['PDF', 'JPG', 'JPEG', 'PNG', 'KB', 'MB', 'GB', 'X'];

/** The Latin-only words inside the page's `onetrip-*` elements, each with where it was found; `allow` adds codes of this journey. */
export async function latinWords(page: Page, allow: string[] = []): Promise<string[]> {
  const found = await page.evaluate(() => {
    const out: { word: string; at: string }[] = [];
    const spoken = ['aria-label', 'title', 'placeholder', 'alt'];
    const scan = (text: string, at: string) => {
      for (const token of text.match(/[\p{Script=Latin}0-9][\p{Script=Latin}0-9._@'’-]*/gu) ?? []) {
        if (/\p{Script=Latin}/u.test(token) && !/\d/.test(token) && !token.includes('@')) out.push({ word: token.replace(/[.'’-]+$/, ''), at });
      }
    };
    const walk = (root: Node, path: string) => {
      for (const node of Array.from(root.childNodes)) {
        if (node.nodeType === Node.TEXT_NODE) scan(node.textContent ?? '', path);
        if (!(node instanceof Element)) continue;
        if (['SCRIPT', 'STYLE', 'TEMPLATE'].includes(node.tagName)) continue;
        const here = `${path} ${node.tagName.toLowerCase()}${node.id ? `#${node.id}` : ''}`;
        for (const name of spoken) if (node.hasAttribute(name)) scan(node.getAttribute(name)!, `${here}[${name}]`);
        if (node.shadowRoot) walk(node.shadowRoot, here);
        walk(node, here);
      }
    };
    // The page's own elements; those nested in a shadow root are reached through it.
    for (const el of Array.from(document.querySelectorAll('*')).filter((e) => e.tagName.startsWith('ONETRIP-'))) {
      if (el.shadowRoot) walk(el.shadowRoot, el.tagName.toLowerCase());
      walk(el, el.tagName.toLowerCase());
    }
    return out;
  });
  const allowed = new Set([...LATIN_ALLOWED, ...allow].map((w) => w.toUpperCase()));
  return found.filter((f) => !allowed.has(f.word.toUpperCase())).map((f) => `${f.word} (${f.at})`);
}
