/**
 * The HTTP API of API.md that this stack serves: each route, the function behind it, and
 * whether a staff JWT is required. `/local/*` routes belong to the local runtime only.
 */
export type Access = 'public' | 'staff';

export interface RouteSpec {
  method: 'GET' | 'POST' | 'PUT';
  path: string;
  function: string;
  access: Access;
}

const route = (method: RouteSpec['method'], path: string, fn: string, access: Access = 'public'): RouteSpec => ({
  method,
  path,
  function: fn,
  access,
});

export const routes: readonly RouteSpec[] = [
  route('GET', '/health', 'health'),
  route('GET', '/v1/openapi.json', 'openapi'),
  route('GET', '/v1/catalog', 'catalog'),
  route('GET', '/v1/catalog/items/{itemCode}', 'catalog'),
  route('GET', '/v1/catalog/bundles/{bundleCode}', 'catalog'),
  route('POST', '/v1/fee-estimates', 'fee-estimates'),
  route('POST', '/v1/uploads', 'uploads'),
  route('POST', '/v1/applications', 'applications'),
  route('GET', '/v1/applications/{receiptNumber}', 'applications'),
  route('POST', '/v1/applications/{receiptNumber}/corrections', 'applications'),
  route('POST', '/v1/applications/{receiptNumber}/rating', 'applications'),
  route('GET', '/v1/applications/{receiptNumber}/messages', 'messages'),
  route('PUT', '/v1/applications/{receiptNumber}/notification-preferences', 'messages'),
  route('GET', '/v1/staff/messages', 'messages', 'staff'),
  route('GET', '/v1/staff/cases', 'staff-cases', 'staff'),
  route('GET', '/v1/staff/cases/{caseId}', 'staff-cases', 'staff'),
  route('GET', '/v1/staff/cases/{caseId}/materials/{materialCode}', 'staff-cases', 'staff'),
  route('GET', '/v1/staff/access-log/{day}', 'access-log', 'staff'),
  route('POST', '/v1/staff/cases/{caseId}/pre-review', 'staff-cases', 'staff'),
  route('POST', '/v1/staff/cases/{caseId}/agent', 'staff-cases', 'staff'),
  route('POST', '/v1/staff/cases/{caseId}/on-behalf', 'staff-cases', 'staff'),
  route('POST', '/v1/staff/cases/{caseId}/visits', 'staff-cases', 'staff'),
  route('POST', '/v1/staff/cases/{caseId}/pickup', 'staff-cases', 'staff'),
  route('GET', '/v1/staff/tasks', 'staff-tasks', 'staff'),
  route('POST', '/v1/staff/tasks/{taskId}/decision', 'staff-tasks', 'staff'),
  route('POST', '/v1/staff/tasks/decisions', 'staff-tasks', 'staff'),
  route('GET', '/v1/tickets/{ticketNumber}', 'tickets'),
  route('POST', '/v1/tickets/{ticketNumber}/payments', 'tickets'),
  route('GET', '/v1/tickets/{ticketNumber}/receipt', 'tickets'),
  route('POST', '/v1/callbacks/payment', 'payment-callback'),
  route('POST', '/v1/callbacks/courier', 'courier-callback'),
  route('POST', '/v1/callbacks/notifications/{provider}', 'notification-receipts'),
  route('POST', '/v1/callbacks/payment/{provider}', 'payment-callback'),
  route('POST', '/v1/callbacks/courier/{provider}', 'courier-callback'),
  route('GET', '/v1/applications/{receiptNumber}/results/{verificationCode}', 'applications'),
  route('GET', '/v1/applications/{receiptNumber}/notices/{noticeId}', 'notice-downloads'),
  route('GET', '/v1/staff/cases/{caseId}/notices/{noticeId}', 'notice-downloads', 'staff'),
  route('GET', '/v1/certificates/verify/{verificationCode}', 'certificates-public'),
  route('POST', '/v1/certificates/verify', 'certificates-public'),
  route('POST', '/v1/certificates/library', 'certificates-public'),
  route('POST', '/v1/certificates/library/challenges', 'certificates-public'),
  route('POST', '/v1/staff/certificates/{verificationCode}/revoke', 'certificates-public', 'staff'),
  route('GET', '/v1/staff/settlement/{day}', 'settlement-reports', 'staff'),
  route('POST', '/v1/staff/cases/{caseId}/supervision-orders', 'supervision-orders', 'staff'),
  route('GET', '/v1/staff/supervision-orders', 'supervision-orders', 'staff'),
  route('POST', '/v1/staff/supervision-orders/{orderId}/reply', 'supervision-orders', 'staff'),
  route('POST', '/v1/staff/supervision/verify', 'timeline-verify', 'staff'),
  route('GET', '/v1/staff/rectifications', 'staff-rectifications', 'staff'),
  route('POST', '/v1/staff/rectifications/{rectificationId}/response', 'staff-rectifications', 'staff'),
  route('POST', '/v1/staff/rectifications/{rectificationId}/close', 'staff-rectifications', 'staff'),
  route('POST', '/v1/staff/rectifications/{rectificationId}/reopen', 'staff-rectifications', 'staff'),
  route('GET', '/v1/staff/supervision/board', 'supervision', 'staff'),
  route('GET', '/v1/staff/supervision/reports/{period}', 'supervision', 'staff'),
  route('GET', '/v1/catalog/items/{itemCode}/performance', 'item-performance'),
];
