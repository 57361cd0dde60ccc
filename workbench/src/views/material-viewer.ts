/** An uploaded material opened in place from its presigned link: an image as an image, anything else (a PDF) in a frame. */
import { html, type TemplateResult } from 'lit';
import { msg } from '@lit/localize';
import type { MaterialLink } from '../api.js';

export function materialViewer(link: MaterialLink, close: () => void): TemplateResult {
  return html`<section aria-labelledby="viewer-title">
    <h2 id="viewer-title">${link.fileName}</h2>
    ${link.contentType.startsWith('image/')
      ? html`<img class="viewer" src=${link.url} alt=${link.fileName}>`
      : html`<iframe class="viewer" src=${link.url} title=${link.fileName}></iframe>`}
    <p><button type="button" @click=${close}>${msg('关闭', { id: 'case.close' })}</button></p>
  </section>`;
}
