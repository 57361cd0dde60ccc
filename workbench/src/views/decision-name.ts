/** The decisions on a department task, in the workbench's language. */
import { msg } from '@lit/localize';
import type { TaskDecisionInput } from '../../../contracts/staff.js';

export type Decision = TaskDecisionInput['decision'];

/** A decision's name; a stored decision of another kind shows as it is. */
export function decisionName(decision: Decision | string): string {
  switch (decision) {
    case 'approve':
      return msg('准予许可', { id: 'decision.approve' });
    case 'reject':
      return msg('不予许可', { id: 'decision.reject' });
    case 'suspend':
      return msg('中止审查', { id: 'decision.suspend' });
    case 'resume':
      return msg('恢复审查', { id: 'decision.resume' });
    case 'transfer':
      return msg('转后台办理', { id: 'decision.transfer' });
    case 'refer':
      return msg('提请负责人签批', { id: 'decision.refer' });
    case 'sign':
      return msg('签发', { id: 'decision.sign' });
    default:
      return decision;
  }
}
