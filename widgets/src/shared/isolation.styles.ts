/**
 * Host pages reach a shadow tree through inheritance: a page that resets every element
 * with `all: unset !important` makes the host inherit the page's font, colour, line
 * height, letter spacing and so on, and `:host` rules lose to the page's `!important`.
 * The widget's content therefore sits in one `.root` that cuts inheritance (`all:
 * initial` leaves custom properties alone, so themes still arrive) and sets what the
 * widget's text needs. The host element itself stays the page's to lay out.
 */
import { css } from 'lit';

export const isolatedRoot = css`
  .root {
    all: initial;
    display: block;
    direction: ltr;
    color: var(--onetrip-text, #1f2328);
    background: var(--onetrip-surface, #ffffff);
    font-family: var(--onetrip-font, system-ui, -apple-system, 'PingFang SC', 'Microsoft YaHei', 'Noto Sans CJK SC', sans-serif);
    font-size: var(--onetrip-font-size, 16px);
    line-height: 1.6;
    overflow-wrap: break-word;
  }
`;
