/**
 * The catalog's words in the reader's language: localized names, form field titles, fee
 * rules and delivery modes. Shared by the guide and the tracker, so an item reads the
 * same everywhere it appears.
 */
import { msg, str } from '@lit/localize';
import { formFieldTitle, type DeliveryMode, type FeeRule, type ItemType, type LocalizedText } from '../../../contracts/catalog.js';
import { formatMoney } from '../shared/format.js';
import { getLocale } from '../shared/localize.js';

/** The catalog text in the current language; Chinese is authoritative when English is missing. */
export const localized = (text: LocalizedText | undefined): string =>
  text ? (getLocale() === 'en' && text.en ? text.en : text.zh) : '';

/**
 * The title of the form field a JSON pointer names (`/premisesArea`, `/form/premisesArea`,
 * `/owners/0/name`), or undefined when the schema does not describe it.
 */
export const fieldTitle = (schema: unknown, pointer: string): string | undefined => {
  const title = formFieldTitle(schema, pointer);
  return title && localized(title);
};

export function deliveryModeText(mode: DeliveryMode | string): string {
  switch (mode) {
    case 'courier':
      return msg('快递送达', { id: 'guide.delivery.courier' });
    case 'pickup':
      return msg('窗口领取', { id: 'guide.delivery.pickup' });
    case 'electronic':
      return msg('电子证照（网上下载）', { id: 'guide.delivery.electronic' });
    default:
      return mode;
  }
}

export function itemTypeText(type: ItemType): string {
  switch (type) {
    case 'administrative_licence':
      return msg('行政许可', { id: 'guide.type.licence' });
    case 'public_service':
      return msg('公共服务', { id: 'guide.type.publicService' });
    case 'administrative_confirmation':
      return msg('行政确认', { id: 'guide.type.confirmation' });
    default:
      return msg('其他行政权力', { id: 'guide.type.other' });
  }
}

/** The trips an item takes, in the reform's own words. */
export function tripsText(trips: number): string {
  return trips === 0 ? msg('全程网办，零跑动', { id: 'guide.trips.zero' }) : msg('最多跑一次', { id: 'guide.trips.one' });
}

/** How a fee line is computed, in plain words; `schema` names the form field a rule reads. */
export function feeRuleText(rule: FeeRule, schema: unknown): string | string[] {
  switch (rule.kind) {
    case 'fixed':
      return formatMoney(rule.amountFen);
    case 'per_unit': {
      const unit = localized(rule.unit);
      const field = fieldTitle(schema, rule.field) ?? rule.field;
      const price = formatMoney(rule.fenPerUnit);
      const base = msg(str`按申请中填写的“${field}”计收，每${unit} ${price}`, { id: 'guide.fee.perUnit' });
      const rounding =
        rule.rounding === 'ceil'
          ? msg(str`不足一${unit}的按一${unit}计`, { id: 'guide.fee.ceil' })
          : rule.rounding === 'floor'
            ? msg(str`不足一${unit}的部分不计`, { id: 'guide.fee.floor' })
            : msg(str`按四舍五入取整${unit}计`, { id: 'guide.fee.halfUp' });
      return `${base}${msg('；', { id: 'guide.fee.separator' })}${rounding}`;
    }
    case 'tiered': {
      const unit = localized(rule.unit);
      const field = fieldTitle(schema, rule.field) ?? rule.field;
      const lines = [msg(str`按申请中填写的“${field}”分档计收：`, { id: 'guide.fee.tiered' })];
      let previous: number | null = null;
      for (const tier of rule.tiers) {
        const amount = formatMoney(tier.amountFen);
        if (tier.upTo === null) lines.push(msg(str`超过${previous ?? 0}${unit}：${amount}`, { id: 'guide.fee.tierAbove' }));
        else if (previous === null) lines.push(msg(str`${tier.upTo}${unit}及以下：${amount}`, { id: 'guide.fee.tierFirst' }));
        else lines.push(msg(str`超过${previous}${unit}至${tier.upTo}${unit}：${amount}`, { id: 'guide.fee.tierBetween' }));
        previous = tier.upTo;
      }
      return lines;
    }
    case 'waived':
      return msg(str`${formatMoney(rule.amountFen)}；${localized(rule.condition)}`, { id: 'guide.fee.waived' });
  }
}
