/**
 * The service rating (好差评) once the case finished: the ratings given, each rectification a
 * poor one opened with the department's response, and the rating form while a round is open
 * (`ratingRound`): the grade as radio buttons, the reasons as checkboxes (at least one for a
 * poor grade), an optional comment, checked in the browser before sending, with an error
 * summary that takes focus. docs/ratings.md.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { msg, str } from '@lit/localize';
import { TaskStatus } from '@lit/task';
import type { CaseView } from '../../../../contracts/cases.js';
import type { Rating, RectificationView } from '../../../../contracts/ratings.js';
import { GRADE_NAMES, POOR_GRADES, RATING_GRADES, RATING_REASONS, REASON_NAMES, type RatingGrade, type RatingReason } from '../../../../contracts/supervision.js';
import { textProblem } from '../../../../contracts/text.js';
import { localized } from '../../service-guide/catalog-text.js';
import type { SummaryError } from '../../shared/error-summary.js';
import { checkboxGroup, radioGroup, textField } from '../../shared/fields.js';
import { formatDate, formatDateTime } from '../../shared/format.js';
import { problemText } from '../../shared/problem.js';
import type { Lookup, RatingDraft, TrackHost } from '../host.js';

export const COMMENT_MAX = 500;
export const GRADE_ID = 'rating-grade';
export const REASONS_ID = 'rating-reasons';
export const COMMENT_ID = 'rating-comment';

const gradeName = (g: RatingGrade) => localized(GRADE_NAMES[g]);
const reasonName = (r: RatingReason) => localized(REASON_NAMES[r]);

/** The draft's problems, in the order the form shows them: a grade, a reason for a poor grade, a comment within the text rule. */
export function ratingProblems(draft: RatingDraft): SummaryError[] {
  const errors: SummaryError[] = [];
  if (!draft.grade) errors.push({ fieldId: GRADE_ID, message: msg('请选择您对本次服务的评价', { id: 'track.rating.gradeRequired' }) });
  if (draft.grade && POOR_GRADES.includes(draft.grade) && draft.reasons.length === 0) {
    errors.push({ fieldId: REASONS_ID, message: msg('选择“不满意”或“非常不满意”时，请至少选择一项原因', { id: 'track.rating.reasonRequired' }) });
  }
  const comment = draft.comment.trim();
  if (comment && textProblem(comment, { multiline: true })) {
    errors.push({ fieldId: COMMENT_ID, message: msg('意见含有不能保存的字符（控制字符或文字方向控制字符），请删除后再提交', { id: 'track.rating.commentText' }) });
  }
  if ([...comment].length > COMMENT_MAX) errors.push({ fieldId: COMMENT_ID, message: msg(str`意见不能超过 ${COMMENT_MAX} 个字`, { id: 'track.rating.commentLong' }) });
  return errors;
}

function renderGiven(r: Rating): TemplateResult {
  return html`<li>
    <strong>${r.round === 1 ? msg('您的评价', { id: 'track.rating.first' }) : msg('整改后的评价', { id: 'track.rating.second' })}</strong>${msg('：', { id: 'guide.colon' })}${gradeName(r.grade)}
    <span class="muted">${msg(str`（${formatDateTime(r.at)}）`, { id: 'track.rating.at' })}</span>
    ${r.reasons.length ? html`<br />${msg('原因：', { id: 'track.reason' })}${r.reasons.map(reasonName).join(msg('、', { id: 'track.rating.separator' }))}` : nothing}
    ${r.comment ? html`<br />${msg('意见：', { id: 'track.rating.commentGiven' })}${r.comment}` : nothing}
  </li>`;
}

function rectificationStatus(r: RectificationView): string {
  switch (r.status) {
    case 'open':
      return msg(str`部门整改中，${formatDate(r.dueDate)} 前答复`, { id: 'track.rectification.open' });
    case 'responded':
      return msg('部门已答复', { id: 'track.rectification.responded' });
    default:
      return msg('整改已办结', { id: 'track.rectification.closed' });
  }
}

function renderRectification(r: RectificationView): TemplateResult {
  return html`<div part="rectification" class="rectification">
    <h4>${msg(str`整改：${localized(r.departmentName) || r.department}`, { id: 'track.rectification.title' })}</h4>
    <p>${rectificationStatus(r)}</p>
    ${r.response
      ? html`<dl class="facts">
          <div><dt>${msg('回访时间', { id: 'track.rectification.calledBack' })}</dt><dd>${formatDateTime(r.response.calledBackAt)}</dd></div>
          <div><dt>${msg('整改内容', { id: 'track.rectification.changed' })}</dt><dd>${r.response.changed}</dd></div>
          <div><dt>${msg('部门答复', { id: 'track.rectification.answer' })}</dt><dd>${r.response.text}</dd></div>
        </dl>`
      : nothing}
  </div>`;
}

function renderForm(host: TrackHost, lookup: Lookup, round: 1 | 2): TemplateResult {
  const draft = host.ratingDraft;
  const errorOf = (id: string) => host.ratingErrors.find((e) => e.fieldId === id)?.message;
  const running = host.rating.status === TaskStatus.PENDING;
  return html`<form part="rating-form" class="applicant-update" novalidate aria-labelledby="rating-form-title" @submit=${(e: SubmitEvent) => host.onRate(e, lookup)}>
    <h4 id="rating-form-title">${round === 1 ? msg('评价本次服务', { id: 'track.rating.formTitle' }) : msg('整改后再次评价', { id: 'track.rating.formTitleAgain' })}</h4>
    <onetrip-error-summary part="error-summary" id="rating-summary" .errors=${host.ratingErrors}></onetrip-error-summary>
    ${host.rating.status === TaskStatus.ERROR
      ? html`<p part="error" class="error-message" role="alert"><span class="visually-hidden">${msg('错误：', { id: 'common.error' })}</span>${problemText(host.rating.error)}</p>`
      : nothing}
    ${radioGroup({
      id: GRADE_ID,
      label: msg('您对本次服务的评价', { id: 'track.rating.grade' }),
      required: true,
      value: draft.grade ?? '',
      error: errorOf(GRADE_ID),
      choices: RATING_GRADES.map((g) => ({ value: g, label: gradeName(g) })),
      onChange: (value) => host.editRating({ grade: value as RatingGrade }),
    })}
    ${checkboxGroup({
      id: REASONS_ID,
      label: msg('原因', { id: 'track.rating.reasons' }),
      hint: msg('选择“不满意”或“非常不满意”时至少选择一项，其他评价可不选。', { id: 'track.rating.reasonsHint' }),
      values: draft.reasons,
      error: errorOf(REASONS_ID),
      choices: RATING_REASONS.map((r) => ({ value: r, label: reasonName(r) })),
      onChange: (values) => host.editRating({ reasons: values as RatingReason[] }),
    })}
    ${textField({
      id: COMMENT_ID,
      label: msg('意见和建议', { id: 'track.rating.comment' }),
      hint: msg(str`选填，不超过 ${COMMENT_MAX} 个字。`, { id: 'track.rating.commentHint' }),
      multiline: true,
      maxlength: COMMENT_MAX,
      value: draft.comment,
      error: errorOf(COMMENT_ID),
      onInput: (value) => host.editRating({ comment: value }),
    })}
    <button type="submit" part="button" ?disabled=${running}>${running ? msg('正在提交…', { id: 'track.submitting' }) : msg('提交评价', { id: 'track.rating.submit' })}</button>
  </form>`;
}

const finished = (a: CaseView) => a.status === 'completed' || a.status === 'rejected';

export function renderRating(host: TrackHost, lookup: Lookup): TemplateResult | typeof nothing {
  const a = lookup.application;
  const ratings = a.ratings ?? [];
  const rectifications = a.rectifications ?? [];
  const round = a.ratingRound ?? null;
  if (!finished(a) || (ratings.length === 0 && round === null)) return nothing;
  return html`<section part="rating" class="rating" aria-labelledby="rating-title">
    <h3 id="rating-title">${msg('服务评价（好差评）', { id: 'track.rating.title' })}</h3>
    ${ratings.length ? html`<ul class="ratings">${ratings.map(renderGiven)}</ul>` : nothing}
    ${host.rated ? html`<p class="confirmation">${msg('感谢您的评价。', { id: 'track.rating.thanks' })}</p>` : nothing}
    ${rectifications.map(renderRectification)}
    ${round ? renderForm(host, lookup, round) : nothing}
  </section>`;
}
