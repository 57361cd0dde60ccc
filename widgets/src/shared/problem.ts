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

/**
 * The Chinese sentence of every code a citizen-facing call can answer (functions/: `new …Error(`,
 * contracts/openapi.json), by message id `error.<CODE>` (English in locales/en.ts). Staff-only
 * codes (tasks, roles, settlement) fall back to {@link unknownProblem}.
 */
const SENTENCES: Record<string, string> = {
  APPLICATION_NOT_FOUND: '没有与该受理编号和查询码相符的申请，请核对后重试。',
  TICKET_NOT_FOUND: '没有与该缴费单号和查询码相符的缴费单，请核对后重试。',
  RESULT_NOT_FOUND: '没有找到该办理结果，请刷新后重试。',
  NOTICE_NOT_FOUND: '没有找到该通知书，请刷新后重试。',
  RESULT_NOT_ISSUED: '办件尚未办结，结果还没有发放，办结后即可下载。',
  CERTIFICATE_NOT_FOUND: '没有证照使用该核验码：证照不是真的，或核验码输入有误。',
  ITEM_NOT_FOUND: '本地没有这个服务事项。',
  BUNDLE_NOT_FOUND: '本地没有这项“一件事”服务。',
  NOT_FOUND: '没有找到所查的内容。',
  CATALOG_VERSION_NOT_SERVED: '服务目录已更新，请刷新页面后重新提交。',
  VALIDATION_FAILED: '所填内容有误，请核对后重试。',
  FEE_INPUT_UNUSABLE: '按所填内容无法计算费用，请核对后重试。',
  IDEMPOTENCY_KEY_REUSED: '这份申请此前已以不同内容提交，请刷新页面查看。',
  DUPLICATE_SUBMISSION: '这份申请已经提交过了。',
  UPLOAD_ALREADY_USED: '所上传的文件已用于另一份申请，请重新上传。',
  UPLOAD_FAILED: '文件没有存入，请重试。',
  NO_DEFICIENCY_NOTICE: '该办件目前没有需要补正或补交的内容。',
  CASE_CLOSED: '该办件已办结或已关闭，不能再修改。',
  CONCURRENT_UPDATE: '办件刚刚有了变化，请刷新后重试。',
  TICKET_NOT_PAYABLE: '该缴费单目前无需缴费。',
  TICKET_NOT_PAID: '该缴费单尚未缴清，缴清后才有缴费凭证。',
  ANSWERS_INVALID: '请回答每一个情形问题后再继续。',
  PDF_REQUIRED: '请选择要核验的 PDF 文件。',
  NOT_A_PDF: '所选文件不是 PDF，请选择证照的 PDF 文件。',
  PDF_TOO_LARGE: '文件太大，证照 PDF 不会超过 4 MB，请确认选对了文件。',
  TOO_MANY_PAYMENT_ATTEMPTS: '支付尝试次数已达上限，请联系政务服务大厅。',
  PAYMENT_PROVIDER_NOT_OFFERED: '所选的支付方式本地暂不支持，请选择其他支付方式。',
  BAD_REQUEST: '请求无法处理，请刷新页面后重试。',
  INTERNAL: '服务暂时出错，请稍后再试。',
  PROVIDER_UNAVAILABLE: '支付或快递服务暂时无法连接，未产生任何费用，请稍后再试。',
  ITEM_NOT_IN_CATALOG: '所申请的事项不在本地现行服务目录中。',
  LIBRARY_CHALLENGE_LIMIT: '该证件今天获取验证码的次数已达上限，请明天再试，或直接上传材料。',
  LIBRARY_CHALLENGE_GONE: '验证码已失效（超过 10 分钟、已使用或输错次数过多），请重新获取验证码。',
  LIBRARY_CODE_WRONG: '验证码不正确，请核对短信后重新输入。',
  CASE_NOT_FINISHED: '办件办结后才能评价。',
  ALREADY_RATED: '您已经评价过这个办件了。',
  RECTIFICATION_PENDING: '部门答复整改后，您才能再次评价。',
};

/** Codes that mean the same to an applicant share one sentence. */
const SAME_AS: Record<string, string> = {
  BUNDLE_NOT_IN_CATALOG: 'ITEM_NOT_IN_CATALOG',
  PAYMENT_PROVIDER_UNAVAILABLE: 'PROVIDER_UNAVAILABLE',
  PAYMENT_CHANNEL_NOT_OFFERED: 'PAYMENT_PROVIDER_NOT_OFFERED',
  BODY_REQUIRED: 'BAD_REQUEST',
  INVALID_JSON: 'BAD_REQUEST',
  UNSUPPORTED_MEDIA_TYPE: 'BAD_REQUEST',
  IDEMPOTENCY_KEY_REQUIRED: 'BAD_REQUEST',
  ROUTE_NOT_FOUND: 'BAD_REQUEST',
  CONFIGURATION: 'INTERNAL',
};

/** The codes {@link errorText} has a sentence of its own for (the tests check the API's against it). */
export const KNOWN_ERROR_CODES: readonly string[] = [...Object.keys(SENTENCES), ...Object.keys(SAME_AS)];

const sentence = (code: string) => msg(SENTENCES[code]!, { id: `error.${code}` });
const unknownProblem = (code: string) => msg(str`出错了，请稍后再试（错误代码 ${code}）`, { id: 'error.unknown' });

/** The sentence for an API error code in the widget's language; a 5xx without a code of ours is the server's fault. */
export function errorText(code: string, status = 0): string {
  const known = SAME_AS[code] ?? (code in SENTENCES ? code : undefined);
  if (known) return sentence(known);
  return code.startsWith('HTTP_') && status >= 500 ? sentence('INTERNAL') : unknownProblem(code);
}

/** What went wrong with a request, in the widget's language. */
export const problemText = (error: unknown): string =>
  answered(error) ? errorText(error.code, error.status) : msg('无法连接服务，请检查网络后重试。', { id: 'common.networkError' });
