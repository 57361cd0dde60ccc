/** Step 1, the applicant: a person or an organisation, with an ID, a mobile number and an optional email. */
import { html, nothing, type TemplateResult } from 'lit';
import { msg } from '@lit/localize';
import { APPLICANT_KEYS } from '../keys.js';
import type { StepFlow } from '../host.js';
import { fieldId, radioGroup, textField } from '../../shared/fields.js';

export function renderApplicant(flow: StepFlow): TemplateResult {
  const a = flow.host.draft.applicant;
  const company = a.type === 'company';
  const set = (key: string) => (value: string) => {
    a[key] = value;
    flow.host.clearErrors(fieldId(`/applicant/${key}`));
    // A new type starts from its own ID: an organisation's credit code (the schema insists), a person's resident ID.
    if (key === 'type') {
      a.idType = value === 'company' ? 'credit_code' : 'resident_id';
      flow.host.clearErrors(fieldId('/applicant/idType'));
    }
    // The name's and the ID's labels follow the type: a problem shown under them says the new label.
    if (key === 'type' || key === 'idType') flow.relabelErrors();
    flow.host.save();
  };
  const common = (key: (typeof APPLICANT_KEYS)[number], required = true) => ({
    id: fieldId(`/applicant/${key}`),
    label: flow.applicantLabel(key),
    error: flow.host.errorFor(fieldId(`/applicant/${key}`)),
    required,
  });
  return html`
    ${radioGroup({
      ...common('type'),
      // A bundle may set up a company that does not exist yet: who applies for it, and as what.
      hint: flow.guide.bundle
        ? msg('企业尚未设立时，由创办人或代办人以个人身份申请；已设立的企业以企业身份申请。', { id: 'apply.applicant.bundleTypeHint' })
        : undefined,
      value: a.type ?? '',
      choices: [
        { value: 'person', label: msg('个人', { id: 'apply.applicant.person' }) },
        { value: 'company', label: msg('企业或其他组织', { id: 'apply.applicant.company' }) },
      ],
      onChange: set('type'),
    })}
    ${textField({ ...common('name'), value: a.name ?? '', autocomplete: company ? 'organization' : 'name', maxlength: 100, onInput: set('name') })}
    ${radioGroup({
      ...common('idType'),
      value: a.idType ?? '',
      choices: [
        ...(company ? [] : [{ value: 'resident_id', label: msg('居民身份证', { id: 'apply.applicant.residentId' }) }]),
        { value: 'credit_code', label: msg('统一社会信用代码', { id: 'apply.applicant.creditCode' }) },
      ],
      onChange: set('idType'),
    })}
    ${textField({
      ...common('idNumber'),
      hint: msg('18 位，字母请大写', { id: 'apply.applicant.idHint' }),
      value: a.idNumber ?? '',
      code: true,
      maxlength: 18,
      width: 'medium',
      onInput: set('idNumber'),
    })}
    ${company
      ? textField({ ...common('legalRepresentative', false), value: a.legalRepresentative ?? '', maxlength: 100, onInput: set('legalRepresentative') })
      : nothing}
    ${textField({
      ...common('phone'),
      hint: msg('11 位中国大陆手机号码，用于联系您', { id: 'apply.applicant.phoneHint' }),
      value: a.phone ?? '',
      type: 'tel',
      inputmode: 'tel',
      autocomplete: 'tel-national',
      maxlength: 13,
      width: 'medium',
      onInput: set('phone'),
    })}
    ${textField({ ...common('email', false), value: a.email ?? '', type: 'email', inputmode: 'email', autocomplete: 'email', maxlength: 200, onInput: set('email') })}
  `;
}
