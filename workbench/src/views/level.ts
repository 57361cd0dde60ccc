/**
 * A supervision level as the workbench shows it: its colour and, so the colour is never the
 * only sign (WCAG 1.4.1), its name in words. The remaining working days beside a deadline.
 */
import { html, type TemplateResult } from 'lit';
import { msg, str } from '@lit/localize';
import type { Level } from '../../../contracts/levels.js';

export function levelName(level: Level): string {
  switch (level) {
    case 'normal':
      return msg('正常', { id: 'level.normal' });
    case 'yellow':
      return msg('黄灯预警', { id: 'level.yellow' });
    case 'red':
      return msg('红灯超期', { id: 'level.red' });
    case 'severe':
      return msg('严重超期', { id: 'level.severe' });
  }
}

/** The level's badge; a task written before the clock existed has none and shows as normal. */
export const levelBadge = (level: Level | undefined): TemplateResult =>
  html`<span class="level level-${level ?? 'normal'}">${levelName(level ?? 'normal')}</span>`;

/** "3 working days left" / "2 working days late". */
export const remainingText = (days: number): string =>
  days < 0 ? msg(str`已超期 ${-days} 个工作日`, { id: 'queue.late' }) : msg(str`剩 ${days} 个工作日`, { id: 'queue.remaining' });
