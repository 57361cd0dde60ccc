/** The tracker's plain words for case and task statuses and timeline actions. */
import { msg, str } from '@lit/localize';
import type { CaseView } from '../../../contracts/cases.js';
import type { NOTIFICATION_TEMPLATES, TemplateId } from '../../../contracts/notifications.js';

/**
 * The case's status in plain words; a completed case whose results were delivered says so,
 * and one whose results wait for a deferred material still open says that they wait for it
 * (results are issued only once every deferred material is in: docs/results.md).
 */
export function caseStatusText(a: Pick<CaseView, 'status' | 'handover' | 'deferred'>): { title: string; explanation: string } {
  const { status } = a;
  if (status === 'completed' && a.handover?.status === 'delivered') {
    return {
      title: msg('已办结，结果已送达', { id: 'track.status.delivered' }),
      explanation: msg('办理结果已送达并签收，无需再跑一次。', { id: 'track.status.deliveredExplained' }),
    };
  }
  switch (status) {
    case 'submitted':
      return {
        title: msg('已提交，等待预审', { id: 'track.status.submitted' }),
        explanation: msg('综合窗口工作人员将核对您的申请和材料。', { id: 'track.status.submittedExplained' }),
      };
    case 'deficient':
      return {
        title: msg('需要补正', { id: 'track.status.deficient' }),
        explanation: msg('窗口已一次性告知需要补正的全部内容，请按下方告知书补正一次。', { id: 'track.status.deficientExplained' }),
      };
    case 'accepted':
      return {
        title: msg('已受理', { id: 'track.status.accepted' }),
        explanation: msg('申请已受理，正在分送各部门审查。', { id: 'track.status.acceptedExplained' }),
      };
    case 'in_review':
      return {
        title: msg('部门审查中', { id: 'track.status.inReview' }),
        explanation: msg('各部门正在同步审查，办结后结果一起送达。', { id: 'track.status.inReviewExplained' }),
      };
    case 'awaiting_payment':
      return {
        title: msg('待缴费', { id: 'track.status.awaitingPayment' }),
        explanation: msg('各部门均已批准。请缴纳下方缴费单上的费用，缴费后即办结。', { id: 'track.status.awaitingPaymentExplained' }),
      };
    case 'completed':
      if (a.deferred.some((d) => d.status === 'open')) {
        return {
          title: msg('已审批，待补交容缺材料', { id: 'track.status.completedAwaitingDeferred' }),
          explanation: msg('审批已完成，补交容缺材料后发放结果。请在下方上传。', { id: 'track.status.completedAwaitingDeferredExplained' }),
        };
      }
      return {
        title: msg('已办结', { id: 'track.status.completed' }),
        explanation: msg('审批已完成，结果将按您选择的方式送达。', { id: 'track.status.completedExplained' }),
      };
    case 'rejected':
      return {
        title: msg('未予通过', { id: 'track.status.rejected' }),
        explanation: msg('申请未获通过，原因见下方。', { id: 'track.status.rejectedExplained' }),
      };
    default:
      return { title: msg('办理中', { id: 'track.status.other' }), explanation: '' };
  }
}

export function taskStatusText(status: string): string {
  switch (status) {
    case 'pending':
      return msg('审查中', { id: 'track.task.pending' });
    case 'suspended':
      return msg('暂停（特别程序）', { id: 'track.task.suspended' });
    case 'awaiting_signature':
      return msg('已审查，待首席代表签发', { id: 'track.task.awaitingSignature' });
    case 'awaiting_leader':
      return msg('已审查，待部门分管领导签发', { id: 'track.task.awaitingLeader' });
    case 'approved':
      return msg('已批准', { id: 'track.task.approved' });
    case 'rejected':
      return msg('未批准', { id: 'track.task.rejected' });
    case 'withdrawn':
      return msg('已终止（其他部门未批准）', { id: 'track.task.withdrawn' });
    default:
      return msg('办理中', { id: 'track.task.other' });
  }
}

/** The templates an applicant is sent (the staff's are in-app only, never on a case's timeline). */
type ApplicantTemplate = { [K in TemplateId]: (typeof NOTIFICATION_TEMPLATES)[K]['audience'] extends 'applicant' ? K : never }[TemplateId];

/** Which message a notification was, by its template, as the applicant would name it. */
const TEMPLATE_NAMES: Record<ApplicantTemplate, () => string> = {
  submitted: () => msg('申请提交回执', { id: 'track.template.submitted' }),
  deficient: () => msg('补正告知', { id: 'track.template.deficient' }),
  accepted: () => msg('受理通知', { id: 'track.template.accepted' }),
  deferred_due: () => msg('容缺材料补交提醒', { id: 'track.template.deferredDue' }),
  deferred_late: () => msg('容缺材料逾期提醒', { id: 'track.template.deferredLate' }),
  ticket_issued: () => msg('缴费通知', { id: 'track.template.ticketIssued' }),
  ticket_due: () => msg('缴费到期提醒', { id: 'track.template.ticketDue' }),
  approved: () => msg('准予许可通知', { id: 'track.template.approved' }),
  rejected: () => msg('不予许可通知', { id: 'track.template.rejected' }),
  shipped: () => msg('结果寄出通知', { id: 'track.template.shipped' }),
  delivered: () => msg('结果送达通知', { id: 'track.template.delivered' }),
  pickup_ready: () => msg('结果领取通知', { id: 'track.template.pickupReady' }),
  rating_invited: () => msg('评价邀请', { id: 'track.template.ratingInvited' }),
  rectification_responded: () => msg('整改答复通知', { id: 'track.template.rectificationResponded' }),
};

/**
 * A notification's timeline entry (`notification.<status>`, detail `{template, channel, to}`,
 * the address masked) in plain words: which message, by text or email, to which address;
 * undefined when the detail does not say (the generic line is used).
 */
function notificationText(status: string, detail: Record<string, unknown> | undefined): string | undefined {
  const { template, channel, to } = detail ?? {};
  const name = typeof template === 'string' && Object.hasOwn(TEMPLATE_NAMES, template) ? TEMPLATE_NAMES[template as ApplicantTemplate]() : undefined;
  if (!name || typeof to !== 'string' || !to || (channel !== 'sms' && channel !== 'email')) return undefined;
  const by = channel === 'sms' ? msg('短信', { id: 'track.channel.sms' }) : msg('邮件', { id: 'track.channel.email' });
  switch (status) {
    case 'sent':
      return msg(str`已通过${by}向 ${to} 发送“${name}”`, { id: 'track.timeline.notificationSentTo' });
    case 'delivered':
      return msg(str`${by}“${name}”已送达 ${to}`, { id: 'track.timeline.notificationDeliveredTo' });
    case 'failed':
    case 'undeliverable':
      return msg(str`${by}“${name}”未能送达 ${to}`, { id: 'track.timeline.notificationFailedTo' });
    case 'capped':
      return msg(str`今日短信已达上限，“${name}”未向 ${to} 发送短信`, { id: 'track.timeline.notificationCappedTo' });
    default:
      return undefined;
  }
}

/**
 * One timeline entry in plain words; `department` is the acting department's name, if any,
 * and `detail` the entry's detail (a notification's names its message, channel and address).
 */
export function timelineText(action: string, department: string | undefined, detail?: Record<string, unknown>): string {
  const dept = department ?? '';
  if (action.startsWith('notification.')) {
    const worded = notificationText(action.slice('notification.'.length), detail);
    if (worded) return worded;
  }
  switch (action) {
    case 'case.submitted':
      return msg('申请已在网上提交', { id: 'track.timeline.submitted' });
    case 'case.deficient':
      return msg('综合窗口一次性告知需要补正的内容', { id: 'track.timeline.deficient' });
    case 'case.corrected':
      return msg('申请人已补正', { id: 'track.timeline.corrected' });
    case 'case.accepted':
      return msg('综合窗口已受理', { id: 'track.timeline.accepted' });
    case 'case.rejected':
      return msg('申请未予通过', { id: 'track.timeline.rejected' });
    case 'case.completed':
      return msg('办结', { id: 'track.timeline.completed' });
    case 'case.awaiting_payment':
      return msg('各部门均已批准，等待缴费', { id: 'track.timeline.awaitingPayment' });
    case 'task.created':
      return msg('已分送部门审查', { id: 'track.timeline.taskCreated' });
    case 'task.reviewed':
      return dept ? msg(str`${dept}已审查，提交首席代表签发`, { id: 'track.timeline.taskReviewed' }) : msg('部门已审查，提交首席代表签发', { id: 'track.timeline.taskReviewedAny' });
    case 'task.approved':
      return dept ? msg(str`${dept}首席代表签发：批准`, { id: 'track.timeline.taskApproved' }) : msg('首席代表签发：批准', { id: 'track.timeline.taskApprovedAny' });
    case 'task.rejected':
      return dept ? msg(str`${dept}首席代表签发：不予批准`, { id: 'track.timeline.taskRejected' }) : msg('首席代表签发：不予批准', { id: 'track.timeline.taskRejectedAny' });
    case 'task.suspended':
      return msg('部门审查暂停（特别程序）', { id: 'track.timeline.taskSuspended' });
    case 'task.resumed':
      return msg('部门恢复审查', { id: 'track.timeline.taskResumed' });
    case 'task.transferred':
      return msg('转部门后台审查', { id: 'track.timeline.taskTransferred' });
    case 'task.referred':
      return msg('提交部门分管领导签发', { id: 'track.timeline.taskReferred' });
    case 'case.visited':
      return msg('您到政务服务大厅办理了一次', { id: 'track.timeline.visited' });
    case 'pickup.completed':
      return msg('结果已在大厅领取', { id: 'track.timeline.pickupCompleted' });
    case 'stage.started':
      return msg('新的审批阶段开始', { id: 'track.timeline.stageStarted' });
    case 'stage.completed':
      return msg('一个审批阶段已完成', { id: 'track.timeline.stageCompleted' });
    case 'deferred.supplied':
      return msg('容缺材料已补交', { id: 'track.timeline.deferredSupplied' });
    case 'deferred.reminded':
      return msg('提醒补交容缺材料', { id: 'track.timeline.deferredReminded' });
    case 'deferred.late':
      return msg('容缺材料逾期未补交', { id: 'track.timeline.deferredLate' });
    case 'agent.assigned':
      return msg('已为您安排帮办代办', { id: 'track.timeline.agentAssigned' });
    case 'ticket.issued':
      return msg('已开具缴费单', { id: 'track.timeline.ticketIssued' });
    case 'ticket.paid':
      return msg('费用已缴清', { id: 'track.timeline.ticketPaid' });
    case 'ticket.cancelled':
      return msg('缴费单已作废', { id: 'track.timeline.ticketCancelled' });
    case 'payment.started':
      return msg('发起支付', { id: 'track.timeline.paymentStarted' });
    case 'payment.failed':
      return msg('支付未成功', { id: 'track.timeline.paymentFailed' });
    case 'payment.duplicate':
      return msg('收到重复支付，将原路退回', { id: 'track.timeline.paymentDuplicate' });
    case 'refund.requested':
      return msg('退款办理中', { id: 'track.timeline.refundRequested' });
    case 'refund.completed':
      return msg('退款已原路退回', { id: 'track.timeline.refundCompleted' });
    case 'result.issued':
      // Written when a chief signs: the result is made then, but released with the others once the case is done.
      return dept
        ? msg(str`${dept}已制作办理结果，办结后统一发放`, { id: 'track.timeline.resultIssued' })
        : msg('已制作一项办理结果，办结后统一发放', { id: 'track.timeline.resultIssuedAny' });
    case 'result.delayed':
      return msg('办理结果制作遇到问题，发放将延迟', { id: 'track.timeline.resultDelayed' });
    case 'results.available':
      return msg('电子证照已可下载', { id: 'track.timeline.resultsAvailable' });
    case 'delivery.requested':
      return msg('结果交由快递寄送', { id: 'track.timeline.deliveryRequested' });
    case 'delivery.dispatched':
      return msg('快递已接单', { id: 'track.timeline.deliveryDispatched' });
    case 'delivery.updated':
      return msg('快递进度更新', { id: 'track.timeline.deliveryUpdated' });
    case 'delivery.delivered':
      return msg('结果已送达，已签收', { id: 'track.timeline.deliveryDelivered' });
    case 'pickup.ready':
      return msg('结果可到政务服务大厅领取', { id: 'track.timeline.pickupReady' });
    case 'rating.invited':
      return msg('邀请您评价本次服务', { id: 'track.timeline.ratingInvited' });
    case 'rating.submitted':
      return msg('您评价了本次服务', { id: 'track.timeline.ratingSubmitted' });
    case 'rectification.opened':
      return dept ? msg(str`${dept}开始整改`, { id: 'track.timeline.rectificationOpenedBy' }) : msg('部门开始整改', { id: 'track.timeline.rectificationOpened' });
    case 'rectification.responded':
      return dept ? msg(str`${dept}答复了整改`, { id: 'track.timeline.rectificationRespondedBy' }) : msg('部门答复了整改', { id: 'track.timeline.rectificationResponded' });
    case 'rectification.overdue':
      return msg('整改超过答复期限，已列入督办', { id: 'track.timeline.rectificationOverdue' });
    case 'rectification.closed':
      return msg('整改已办结', { id: 'track.timeline.rectificationClosed' });
    case 'rectification.reopened':
      return msg('整改重新开启', { id: 'track.timeline.rectificationReopened' });
    case 'notifications.opted_out':
      return msg('您选择不再接收非必要的短信和邮件', { id: 'track.timeline.optedOut' });
    case 'notifications.opted_in':
      return msg('您恢复接收短信和邮件通知', { id: 'track.timeline.optedIn' });
    case 'notification.sent':
      return msg('已向您发送短信或邮件通知', { id: 'track.timeline.notificationSent' });
    case 'notification.delivered':
      return msg('短信或邮件通知已送达', { id: 'track.timeline.notificationDelivered' });
    case 'notification.failed':
    case 'notification.undeliverable':
      return msg('短信或邮件通知未能送达', { id: 'track.timeline.notificationFailed' });
    case 'notification.capped':
      return msg('今日短信已达上限，本条通知未发送短信', { id: 'track.timeline.notificationCapped' });
    default:
      // An action this tracker does not know yet still reads as a sentence, never as its key.
      return msg('办件有了新进展', { id: 'track.timeline.other' });
  }
}

/**
 * A run of the same action, told as one line with how many there were, for the actions
 * that come in runs (a courier's scans, a case sent to several departments at once, the
 * results of several departments made); undefined for an action told entry by entry.
 */
export function timelineRunText(action: string, count: number): string | undefined {
  switch (action) {
    case 'delivery.updated':
      return msg(str`快递运送中，进度已更新 ${count} 次`, { id: 'track.timeline.deliveryUpdates' });
    case 'task.created':
      return msg(str`已分送各部门审查，共 ${count} 项`, { id: 'track.timeline.tasksCreated' });
    case 'result.issued':
      return msg(str`已制作 ${count} 项办理结果，办结后统一发放`, { id: 'track.timeline.resultsIssued' });
    default:
      return undefined;
  }
}
