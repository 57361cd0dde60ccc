/**
 * What a person is told when a request failed, in the widget's own language: the API's
 * stable `error.code` (contracts/errors.ts) looked up in one table of sentences, never the
 * API's `message` (which is written for developers, in English). A code the table does not
 * know still gets a sentence in the widget's language, with the code to quote to the
 * service hall; a request that went unanswered (`NETWORK`, see api.ts) asks to check the
 * connection. One place, so every element words the same problem the same way.
 */
import { msg, str } from '@lit/localize';
import { answered } from './api.js';

/** Sentences shared by several codes that mean the same to an applicant. */
const badRequest = () => msg('请求无法处理，请刷新页面后重试。', { id: 'error.BAD_REQUEST' });
const serverFault = () => msg('服务暂时出错，请稍后再试。', { id: 'error.INTERNAL' });
const providerDown = () => msg('支付或快递服务暂时无法连接，未产生任何费用，请稍后再试。', { id: 'error.PROVIDER_UNAVAILABLE' });
const notInCatalog = () => msg('所申请的事项不在本地现行服务目录中。', { id: 'error.ITEM_NOT_IN_CATALOG' });

/**
 * Every code a citizen-facing call can answer (functions/: `new …Error(`, contracts/openapi.json).
 * Staff-only codes (tasks, roles, settlement) fall back to {@link unknownProblem}.
 */
const BY_CODE: Record<string, () => string> = {
  APPLICATION_NOT_FOUND: () => msg('没有与该受理编号和查询码相符的申请，请核对后重试。', { id: 'error.APPLICATION_NOT_FOUND' }),
  TICKET_NOT_FOUND: () => msg('没有与该缴费单号和查询码相符的缴费单，请核对后重试。', { id: 'error.TICKET_NOT_FOUND' }),
  RESULT_NOT_FOUND: () => msg('没有找到该办理结果，请刷新后重试。', { id: 'error.RESULT_NOT_FOUND' }),
  CERTIFICATE_NOT_FOUND: () => msg('没有证照使用该核验码：证照不是真的，或核验码输入有误。', { id: 'error.CERTIFICATE_NOT_FOUND' }),
  ITEM_NOT_FOUND: () => msg('本地没有这个服务事项。', { id: 'error.ITEM_NOT_FOUND' }),
  BUNDLE_NOT_FOUND: () => msg('本地没有这项“一件事”服务。', { id: 'error.BUNDLE_NOT_FOUND' }),
  NOT_FOUND: () => msg('没有找到所查的内容。', { id: 'error.NOT_FOUND' }),
  ITEM_NOT_IN_CATALOG: notInCatalog,
  BUNDLE_NOT_IN_CATALOG: notInCatalog,
  CATALOG_VERSION_NOT_SERVED: () => msg('服务目录已更新，请刷新页面后重新提交。', { id: 'error.CATALOG_VERSION_NOT_SERVED' }),
  VALIDATION_FAILED: () => msg('所填内容有误，请核对后重试。', { id: 'error.VALIDATION_FAILED' }),
  FEE_INPUT_UNUSABLE: () => msg('按所填内容无法计算费用，请核对后重试。', { id: 'error.FEE_INPUT_UNUSABLE' }),
  IDEMPOTENCY_KEY_REUSED: () => msg('这份申请此前已以不同内容提交，请刷新页面查看。', { id: 'error.IDEMPOTENCY_KEY_REUSED' }),
  DUPLICATE_SUBMISSION: () => msg('这份申请已经提交过了。', { id: 'error.DUPLICATE_SUBMISSION' }),
  UPLOAD_ALREADY_USED: () => msg('所上传的文件已用于另一份申请，请重新上传。', { id: 'error.UPLOAD_ALREADY_USED' }),
  UPLOAD_FAILED: () => msg('文件没有存入，请重试。', { id: 'error.UPLOAD_FAILED' }),
  NO_DEFICIENCY_NOTICE: () => msg('该办件目前没有需要补正或补交的内容。', { id: 'error.NO_DEFICIENCY_NOTICE' }),
  CASE_CLOSED: () => msg('该办件已办结或已关闭，不能再修改。', { id: 'error.CASE_CLOSED' }),
  CONCURRENT_UPDATE: () => msg('办件刚刚有了变化，请刷新后重试。', { id: 'error.CONCURRENT_UPDATE' }),
  TICKET_NOT_PAYABLE: () => msg('该缴费单目前无需缴费。', { id: 'error.TICKET_NOT_PAYABLE' }),
  TOO_MANY_PAYMENT_ATTEMPTS: () => msg('支付尝试次数已达上限，请联系政务服务大厅。', { id: 'error.TOO_MANY_PAYMENT_ATTEMPTS' }),
  PAYMENT_PROVIDER_UNAVAILABLE: providerDown,
  PROVIDER_UNAVAILABLE: providerDown,
  BODY_REQUIRED: badRequest,
  INVALID_JSON: badRequest,
  UNSUPPORTED_MEDIA_TYPE: badRequest,
  IDEMPOTENCY_KEY_REQUIRED: badRequest,
  ROUTE_NOT_FOUND: badRequest,
  INTERNAL: serverFault,
  CONFIGURATION: serverFault,
};

/** The codes {@link errorText} has a sentence of its own for (the tests check the API's against it). */
export const KNOWN_ERROR_CODES: readonly string[] = Object.keys(BY_CODE);

const unknownProblem = (code: string) => msg(str`出错了，请稍后再试（错误代码 ${code}）`, { id: 'error.unknown' });

/** The sentence for an API error code in the widget's language; a 5xx without a code of ours is the server's fault. */
export function errorText(code: string, status = 0): string {
  const known = BY_CODE[code];
  if (known) return known();
  return code.startsWith('HTTP_') && status >= 500 ? serverFault() : unknownProblem(code);
}

/** What went wrong with a request, in the widget's language. */
export const problemText = (error: unknown): string =>
  answered(error) ? errorText(error.code, error.status) : msg('无法连接服务，请检查网络后重试。', { id: 'common.networkError' });
