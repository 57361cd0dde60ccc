/** The words of a case's states and of its official notices, in the workbench's language. */
import { msg } from '@lit/localize';
import type { CaseStatus, TaskStatus } from '../../../contracts/cases.js';

export function statusName(status: CaseStatus): string {
  switch (status) {
    case 'submitted':
      return msg('待预审', { id: 'status.submitted' });
    case 'deficient':
      return msg('待补正', { id: 'status.deficient' });
    case 'accepted':
      return msg('已受理', { id: 'status.accepted' });
    case 'in_review':
      return msg('审查中', { id: 'status.in_review' });
    case 'awaiting_payment':
      return msg('待缴费', { id: 'status.awaiting_payment' });
    case 'completed':
      return msg('已办结', { id: 'status.completed' });
    case 'rejected':
      return msg('不予受理或不予许可', { id: 'status.rejected' });
  }
}

/** An official notice's title (its `kind`, helper C's list); an unknown kind shows as it is. */
export function noticeName(kind: string): string {
  switch (kind) {
    case 'acceptance':
      return msg('受理通知书', { id: 'notice.acceptance' });
    case 'deficiency':
      return msg('一次性告知书', { id: 'notice.deficiency' });
    case 'commitment':
      return msg('容缺承诺书', { id: 'notice.commitment' });
    case 'refusal':
      return msg('不予受理决定书', { id: 'notice.refusal' });
    case 'rejection':
      return msg('不予许可决定书', { id: 'notice.rejection' });
    default:
      return kind;
  }
}

export function taskStatusName(status: TaskStatus): string {
  switch (status) {
    case 'pending':
      return msg('待审查', { id: 'taskStatus.pending' });
    case 'suspended':
      return msg('已中止', { id: 'taskStatus.suspended' });
    case 'awaiting_signature':
      return msg('待首席代表签发', { id: 'taskStatus.awaiting_signature' });
    case 'awaiting_leader':
      return msg('待负责人签发', { id: 'taskStatus.awaiting_leader' });
    case 'approved':
      return msg('已批准', { id: 'taskStatus.approved' });
    case 'rejected':
      return msg('不予许可', { id: 'taskStatus.rejected' });
    case 'withdrawn':
      return msg('已撤回', { id: 'taskStatus.withdrawn' });
  }
}
