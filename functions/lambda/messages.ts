/**
 * The API's error messages in the caller's language. Errors are raised once, in English
 * (the developer's and the log's language), with a stable code and the `params` their
 * message names; this module words them in Chinese from one table keyed by code, and
 * domain field errors from one table keyed by their `rule`. English callers get the
 * message as it was raised. A code or rule missing here is caught by
 * test/unit/messages.test.ts, which reads every code functions/ raises.
 */
import type { ErrorBody, FieldError as WireFieldError } from '../../contracts/errors.js';
import type { ErrorParams, FieldError, OneTripError } from '../domain/errors.js';
import type { Language } from './language.js';

/** A Chinese message: fixed, or worded from what the error names. */
type Wording = string | ((p: Params) => string);

/** The params of an error as the wording reads them: absent ones read as empty. */
type Params = Readonly<Record<string, string | number | undefined>>;

/** The statuses of cases, tasks and tickets, as a sentence names them. */
const STATUS_ZH: Readonly<Record<string, string>> = {
  submitted: '已提交',
  deficient: '待补正',
  accepted: '已受理',
  in_review: '审查中',
  awaiting_payment: '待缴费',
  completed: '已办结',
  rejected: '不予许可',
  pending: '待审查',
  suspended: '已中止',
  awaiting_signature: '待签发',
  awaiting_leader: '待分管领导签发',
  approved: '已批准',
  issued: '待缴费',
  paid: '已缴费',
  cancelled: '已作废',
  refunding: '退款中',
  refunded: '已退款',
  failed: '失败',
  succeeded: '成功',
};

/** A rectification's statuses (docs/ratings.md). */
const RECTIFICATION_STATUS_ZH: Readonly<Record<string, string>> = { open: '整改中', responded: '已答复', closed: '已办结' };

const DELIVERY_ZH: Readonly<Record<string, string>> = { courier: '邮寄', pickup: '窗口自取', electronic: '电子送达' };

const ROLE_ZH: Readonly<Record<string, string>> = {
  clerk: '窗口受理员',
  reviewer: '审查员',
  chief: '审批负责人',
  supervisor: '监督员',
  admin: '管理员',
  agent: '帮办代办员',
  leader: '部门分管领导',
};

/** What a string of each `format` is, as a sentence names it. */
const FORMAT_ZH: Readonly<Record<string, string>> = {
  'cn-credit-code': '统一社会信用代码（18 位，校验位正确）',
  'cn-id-number': '居民身份证号码（18 位，校验位正确）',
  'cn-mobile': '手机号码（11 位）',
  date: '日期（YYYY-MM-DD）',
  'date-time': '日期时间（RFC 3339）',
  email: '电子邮箱地址',
  uri: '网址',
  uuid: 'UUID',
  text: '单行文本（首尾无空格、不为空，不含控制字符、双向控制字符或不成对的代理项）',
  'text-multiline': '文本（首尾无空格、不为空，不含控制字符、双向控制字符或不成对的代理项）',
};

/** JSON types, as a sentence names them. */
const TYPE_ZH: Readonly<Record<string, string>> = {
  string: '文本',
  number: '数字',
  integer: '整数',
  boolean: '布尔值（true 或 false）',
  object: '对象',
  array: '列表',
  null: '空值',
};

/** A value naming a status (or a comma-separated list of codes) in Chinese; unknown ones as they are. */
function words(table: Readonly<Record<string, string>>, value: string | number | undefined): string {
  return String(value ?? '')
    .split(/,\s*/)
    .map((v) => table[v] ?? v)
    .join('、');
}

const status = (p: Params) => words(STATUS_ZH, p.status);
const caseIs = (p: Params) => `办件 ${p.receiptNumber ?? ''} 当前为“${status(p)}”`;
const taskIs = (p: Params) => `审查任务 ${p.taskId ?? ''} 当前为“${status(p)}”`;
const notInCatalog = (what: string) => (p: Params) => `${what} ${p.code ?? ''} 不在本地本级发布的目录（${p.version ?? ''}）中`;

/** Every error code OneTrip raises, worded in Chinese. */
export const ERROR_MESSAGES_ZH: Readonly<Record<string, Wording>> = {
  // the request itself
  // A query parameter out of its range says which, as the English does; anything else points to the fields.
  VALIDATION_FAILED: (p) => (p.parameter ? `查询参数 ${p.parameter} 必须是 ${p.min ?? ''}–${p.max ?? ''} 之间的整数` : '请求未通过校验，请按各项说明修改'),
  BODY_REQUIRED: '请求需要一个 JSON 请求体',
  INVALID_JSON: '请求体不是有效的 JSON',
  UNSUPPORTED_MEDIA_TYPE: '请以 application/json 格式发送请求体',
  ROUTE_NOT_FOUND: (p) => `没有这个接口：${p.route ?? ''}`,
  NOT_FOUND: '找不到所请求的内容',
  UNAUTHORIZED: '需要工作人员登录后才能操作',
  FORBIDDEN: '您无权执行此操作',
  INTERNAL: (p) => `服务内部出错，请稍后再试；咨询时请提供请求编号 ${p.requestId ?? ''}`,
  CONFIGURATION: '服务配置有误，请联系管理员',
  INVALID_CURSOR: '翻页游标无效：请使用本列表上一页返回的游标，或从第一页重新开始',
  // the catalog
  ITEM_NOT_FOUND: notInCatalog('事项'),
  BUNDLE_NOT_FOUND: notInCatalog('一件事'),
  ITEM_NOT_IN_CATALOG: notInCatalog('事项'),
  BUNDLE_NOT_IN_CATALOG: notInCatalog('一件事'),
  CATALOG_VERSION_NOT_SERVED: (p) => `目录版本 ${p.given ?? ''} 不是本地发布的版本（${p.served ?? ''}）`,
  // submitting and correcting
  IDEMPOTENCY_KEY_REQUIRED: '每次提交都请附带 Idempotency-Key 请求头（8–128 个字母、数字或 _ . : -）',
  IDEMPOTENCY_KEY_REUSED: '这个 Idempotency-Key 已用于另一份申请',
  DUPLICATE_SUBMISSION: (p) => `使用 Idempotency-Key ${p.key ?? ''} 的另一个请求正在提交这份申请`,
  UPLOAD_ALREADY_USED: '本申请的某个上传文件已属于另一份申请',
  APPLICATION_NOT_FOUND: '没有与该受理编号和查询码相符的申请',
  NO_DEFICIENCY_NOTICE: (p) => `${caseIs(p)}，没有需要补正的内容；此时只能补交承诺后补的材料`,
  FEE_INPUT_UNUSABLE: (p) => `收费项目 ${p.feeCode ?? ''} 无法按表单字段 ${p.field ?? ''} 计费，请更正该字段`,
  // cases and tasks (staff)
  CASE_NOT_FOUND: (p) => `找不到办件 ${p.caseId ?? ''}`,
  TASK_NOT_FOUND: (p) => `找不到审查任务 ${p.taskId ?? ''}`,
  MATERIAL_NOT_FOUND: (p) => `办件 ${p.receiptNumber ?? ''} 没有上传的材料 ${p.materialCode ?? ''}（证照库中的证明请按证照核验码核验）`,
  CONCURRENT_UPDATE: (p) => `办件 ${p.receiptNumber ?? ''} 刚刚被更新，请重试`,
  CASE_CLOSED: (p) => `${caseIs(p)}，已经结束`,
  CASE_NOT_AWAITING_PRE_REVIEW: (p) => `${caseIs(p)}，不在待预审状态`,
  CASE_NOT_IN_REVIEW: (p) => `${caseIs(p)}，不在审查中`,
  DEFICIENCY_ALREADY_NOTIFIED: '补正须一次性告知：本办件已补正过一次，请受理或不予受理',
  TASK_NOT_AWAITING_SIGNATURE: (p) => `${taskIs(p)}，没有待签发的决定`,
  TASK_NOT_PENDING: (p) => `${taskIs(p)}，不能中止`,
  TASK_ALREADY_DECIDED: (p) => `${taskIs(p)}，已经作出决定`,
  TASK_NOT_SUSPENDED: (p) => `${taskIs(p)}，没有中止，无需恢复`,
  TASK_ALREADY_TRANSFERRED: (p) => `审查任务 ${p.taskId ?? ''} 已由 ${p.by ?? ''} 转后台办理，不能再次转办`,
  NOT_AWAITING_PICKUP: (p) => `办件 ${p.receiptNumber ?? ''} 的结果不在大厅待领取（没有自取通知，或已经领取）`,
  FOUR_EYES_REQUIRED: (p) => `审查任务 ${p.taskId ?? ''} 的决定由您作出，须由本部门另一位${p.role === 'leader' ? '分管领导' : '首席代表'}签发`,
  ORDER_NOT_FOUND: (p) => `找不到督办单 ${p.orderId ?? ''}`,
  ORDER_REFUSED: '督办单无法按所填内容下达，请按各项说明修改',
  ORDER_ALREADY_REPLIED: (p) => `督办单 ${p.orderId ?? ''} 已经回复过，只能回复一次`,
  NOT_GREEN_CHANNEL: (p) => `办件 ${p.receiptNumber ?? ''} 不在绿色通道中；帮办代办只服务绿色通道的办件`,
  NOT_ASSIGNED_AGENT: (p) => `您不是办件 ${p.receiptNumber ?? ''} 的帮办代办员`,
  UNKNOWN_STAFF_USER: (p) => `本县（市、区）的工作人员名录中没有用户 ${p.agent ?? ''}`,
  NOT_AN_AGENT: (p) => `工作人员 ${p.agent ?? ''} 不是帮办代办员，不能指派`,
  NO_STAFF_ROLE: '登录凭证中没有工作人员角色或所属部门',
  ROLE_REQUIRED: (p) => `此操作需要以下角色之一：${words(ROLE_ZH, p.roles)}`,
  OTHER_DEPARTMENT: (p) => `这属于其他部门（${p.department ?? ''}）；您只能办理本部门（${p.own ?? ''}）的事务`,
  // ratings (好差评) and rectifications (整改)
  CASE_NOT_FINISHED: (p) => `${caseIs(p)}，办结或不予许可后才能评价`,
  ALREADY_RATED: (p) => `办件 ${p.receiptNumber ?? ''} 已经评价过`,
  RECTIFICATION_PENDING: (p) => `办件 ${p.receiptNumber ?? ''} 的整改尚未答复，部门答复后才能再次评价`,
  RECTIFICATION_NOT_FOUND: (p) => `找不到整改 ${p.rectificationId ?? ''}`,
  RECTIFICATION_NOT_OPEN: (p) => `整改 ${p.rectificationId ?? ''} 当前为“${words(RECTIFICATION_STATUS_ZH, p.status)}”，已经答复过`,
  RECTIFICATION_NOT_RESPONDED: (p) => `整改 ${p.rectificationId ?? ''} 当前为“${words(RECTIFICATION_STATUS_ZH, p.status)}”，部门答复后才能办结`,
  RECTIFICATION_STILL_OPEN: (p) => `整改 ${p.rectificationId ?? ''} 仍在整改中，无需重新打开`,
  // fees and payments
  TICKET_NOT_FOUND: '没有与该缴费单号和查询码相符的缴费单',
  TICKET_NOT_PAYABLE: (p) => `办件 ${p.receiptNumber ?? ''} 没有待缴的费用`,
  TOO_MANY_PAYMENT_ATTEMPTS: (p) => `缴费单 ${p.ticketNumber ?? ''} 已尝试支付 ${p.attempts ?? ''} 次，请到政务服务大厅求助`,
  PAYMENT_PROVIDER_UNAVAILABLE: '暂时无法连接支付服务，未扣任何款项，请稍后再试',
  // several payment providers per county, and their own notifications (issue 17, payments)
  PAYMENT_PROVIDER_NOT_OFFERED: (p) => `本地不支持通过“${p.provider ?? ''}”缴费，可选：${p.offered ?? ''}`,
  PAYMENT_CHANNEL_NOT_OFFERED: (p) => `“${p.provider ?? ''}”不支持“${p.channel ?? ''}”支付方式，可选：${p.offered ?? ''}`,
  UNKNOWN_PAYMENT_PROVIDER: (p) => `本地不通过“${p.provider ?? ''}”收款，不接受它的通知`,
  MALFORMED_NOTIFICATION: '支付通知的格式无法识别',
  CALLBACK_REFUSED: '回调未被接受，请稍后重发',
  PROVIDER_UNAVAILABLE: '暂时无法连接外部服务，请稍后再试',
  MESSAGE_REFUSED: '短信或邮件服务商拒收了这条消息，重发也不会成功',
  TICKET_NOT_PAID: (p) => `缴费单 ${p.ticketNumber ?? ''} 尚未缴清（${STATUS_ZH[p.status ?? ''] ?? p.status ?? ''}），缴清后才有缴费凭证`,
  // results and certificates
  RESULT_NOT_FOUND: (p) => `申请 ${p.receiptNumber ?? ''} 没有结果 ${p.code ?? ''}`,
  NOTICE_NOT_FOUND: (p) => `该办件没有通知书 ${p.noticeId ?? ''}`,
  RESULT_NOT_ISSUED: (p) => `申请 ${p.receiptNumber ?? ''} 的结果在办结后（各部门均已批准、费用已缴清、后补材料已补齐）一并出具`,
  CERTIFICATE_NOT_FOUND: '没有与该核验码相符的证照：证照不是真的，或核验码输入有误',
  CERTIFICATE_NOT_ISSUED: (p) => `证照 ${p.code ?? ''} 尚未出具，无从撤销`,
  CERTIFICATE_ALREADY_REVOKED: (p) => `证照 ${p.code ?? ''} 已被撤销`,
  LIBRARY_CHALLENGE_LIMIT: (p) => `该证件今天已发送 ${p.max ?? ''} 次验证码，已达每日上限：请明天再试，或直接上传材料`,
  LIBRARY_CHALLENGE_GONE: '本次验证已失效（已过期、已使用或尝试次数已用完），请重新获取验证码',
  LIBRARY_CODE_WRONG: (p) => `验证码不正确，还可尝试 ${p.attemptsLeft ?? ''} 次`,
  ANSWERS_INVALID: '情形问题的回答不完整或有误',
  ASSIGNED_FIELDS_INVALID: '批准时赋予的信息不完整或有误',
  PDF_REQUIRED: '请求体应为所要核验的 PDF 文件',
  NOT_A_PDF: '所传文件不是 PDF',
  PDF_TOO_LARGE: (p) => `文件过大：${p.size ?? ''} 字节，最多可核验 ${p.limit ?? ''} 字节`,
  CERTIFICATE_GLYPH_MISSING: (p) => `证照字体缺少以下字符：${p.glyphs ?? ''}`,
  // providers' callbacks and workers
  BAD_SIGNATURE: '回调签名缺失或无效',
  RECEIPT_PROVIDER_UNKNOWN: (p) => `本地没有通过 ${p.provider ?? ''} 发送消息，不接受它的回执`,
  STALE_SIGNATURE: '回调签名的时间与现在相差超过 300 秒',
  EVENT_ALREADY_SEEN: (p) => `事件 ${p.eventId ?? ''} 已经处理过`,
  NOT_APPLICABLE_YET: '暂时无法处理这个回调，请稍后重发',
  UNKNOWN_PAYMENT: (p) => `没有支付记录 ${p.paymentId ?? ''}`,
  // the courier's push (issue 17, SF Express)
  COURIER_PROVIDER_UNKNOWN: (p) => `本地的快递服务商不是 ${p.provider ?? ''}，不接受它的推送`,
  TICKET_MISMATCH: (p) => `支付 ${p.paymentId ?? ''} 属于缴费单 ${p.ticketNumber ?? ''}，不是 ${p.given ?? ''}`,
  AMOUNT_MISMATCH: (p) => `${p.id ?? ''} 的金额是 ${p.expectedFen ?? ''} 分，回调中是 ${p.givenFen ?? ''} 分`,
  MALFORMED_EVENT: '消息不是可识别的事件',
  LEDGER_CONFLICT: '台账记录只有部分已经存在',
  // supervision reports
  PERIOD_MALFORMED: (p) => `报告期 ${p.period ?? ''} 格式不正确：应为日（如 2026-12-07）、周（如 2026-W49）、旬（如 2026-12-D1，上中下旬为 D1、D2、D3）或月（如 2026-12）`,
  PERIOD_IN_FUTURE: (p) => `报告期 ${p.period ?? ''} 从 ${p.first ?? ''} 开始，晚于今天（${p.today ?? ''}），尚无可报告的内容`,
};

/** Every rule a domain field error names, worded in Chinese (the path already names the field). */
export const FIELD_MESSAGES_ZH: Readonly<Record<string, Wording>> = {
  required: '必填',
  unknown_member: '不是可识别的字段',
  one_of: (p) => `必须是以下之一：${p.values ?? ''}`,
  format: (p) => `不是有效的${words(FORMAT_ZH, p.format)}`,
  type: (p) => `应当是${words(TYPE_ZH, p.type).replaceAll('、', '或')}`,
  no_alternative: '不符合任何一种允许的写法',
  condition_unmet: '不符合所选情形的要求',
  not_case_status: '不是办件状态',
  not_task_status: '不是审查任务状态',
  not_rectification_status: '不是整改状态（整改中、已逾期、已答复或已办结）',
  reason_required: '选择“不满意”或“非常不满意”时，请至少选择一项原因',
  in_future: '不能晚于现在',
  whole_number_range: (p) => `必须是 ${p.min ?? ''}–${p.max ?? ''} 之间的整数`,
  not_date: '不是 YYYY-MM-DD 格式的日期',
  not_department: '不是部门代码',
  invalid_cursor: '不是本列表的翻页游标',
  not_period: '不是日（YYYY-MM-DD）、周（YYYY-Www）、旬（YYYY-MM-D1、D2 或 D3）或月（YYYY-MM）',
  invalid_form: '格式不正确',
  not_with: (p) => `不能与 ${p.other ?? ''} 同时提供`,
  required_or: (p) => `必填（或改为提供 ${p.other ?? ''}）`,
  must_be: (p) => `必须是 ${p.value ?? ''}`,
  not_published: '本地未发布',
  not_empty: '不能为空',
  control_character: (p) => `不能含有控制字符 ${p.codePoint ?? ''}`,
  bidi_control: (p) => `不能含有双向文字控制字符 ${p.codePoint ?? ''}`,
  lone_surrogate: (p) => `不能含有不成对的代理项 ${p.codePoint ?? ''}（不是有效的文字）`,
  untrimmed: '首尾不能有空格',
  blank: '不能为空白',
  not_url: '必须是 http(s) 网址',
  origin_not_allowed: (p) => `来源 ${p.origin ?? ''} 未获准嵌入本服务`,
  not_uploaded: '文件没有上传（或与申报的文件不一致）',
  not_a_material: (p) => `${p.materialCode ?? ''} 不是 ${p.subject ?? ''} 所需的材料`,
  upload_given_twice: '这个上传文件已用于另一项材料：一份文件只能对应一项材料',
  code_wrong: (p) => `不是发送的验证码，还可尝试 ${p.attemptsLeft ?? ''} 次`,
  too_deep: (p) => `嵌套超过 ${p.limit ?? ''} 层`,
  too_long: (p) => `超过 ${p.limit ?? ''} 个字符`,
  given_twice: (p) => `${p.materialCode ?? ''} 重复提交`,
  no_such_upload: '没有这个上传文件（请先通过 POST /v1/uploads 申请上传）',
  upload_used: '这个上传文件已属于另一份申请',
  content_type: (p) => `${p.material ?? ''}的文件类型必须是以下之一：${p.types ?? ''}`,
  max_bytes: (p) => `${p.material ?? ''}不得超过 ${p.maxBytes ?? ''} 字节`,
  not_deferrable: (p) => `${p.material ?? ''}不能承诺后补`,
  supplied_and_deferred: (p) => `${p.materialCode ?? ''} 不能既提交又承诺后补`,
  due_date_range: (p) => `必须晚于 ${p.today ?? ''}，且不晚于 ${p.latest ?? ''}`,
  not_working_day: (p) => `${p.date ?? ''} 不是工作日（周末或法定节假日），请选择工作日`,
  material_required: (p) => `${p.materialCode ?? ''}（${p.material ?? ''}）为必交材料${p.deferrable ? '，也可承诺后补' : ''}`,
  physical_result: (p) => `${p.results ?? ''}是实物，不能电子送达，请选择：${words(DELIVERY_ZH, p.modes)}`,
  answers_for_item: '只有“一件事”才有情形问题，单个事项无需回答',
  answer_required: (p) => `请回答“${p.question ?? ''}”（是或否）`,
  not_a_question: (p) => `${p.code ?? ''} 不是“一件事” ${p.bundle ?? ''} 的情形问题`,
  answer_malformed: (p) => `“${p.part ?? ''}”应写作“问题代码:yes”或“问题代码:no”`,
  answered_twice: (p) => `${p.code ?? ''} 回答了两次`,
  assigned_required: (p) => `批准事项 ${p.item ?? ''} 时必须赋予此项`,
  not_assigned: '此项不由这项决定赋予',
  delivery_mode: (p) => `${p.subject ?? ''}只能通过以下方式送达：${words(DELIVERY_ZH, p.modes)}`,
  not_a_proof: (p) => `${p.material ?? ''}不能以证照代替，请上传文件`,
  not_in_library: (p) => `${p.code ?? ''} 不在申请人的证照库中`,
  certificate_not_issued: (p) => `${p.code ?? ''} 尚未出具，请上传${p.material ?? ''}`,
  certificate_revoked: (p) => `${p.code ?? ''} 已被撤销，请上传有效的${p.material ?? ''}`,
  wrong_proof: (p) => `${p.code ?? ''} 不是${p.material ?? ''}`,
  not_flagged: '一次性告知书未指出此项，补正时只能更正告知书指出的填写项',
  department_not_on_case: (p) => `部门 ${p.department ?? ''} 在办件 ${p.receiptNumber ?? ''} 中没有审查任务`,
  reply_by_past: (p) => `不能早于今天（${p.today ?? ''}）`,
  unknown_staff_user: (p) => `工作人员名录中没有用户 ${p.agent ?? ''}`,
  not_an_agent: (p) => `${p.agent ?? ''} 不是帮办代办员`,
  flagged_material_missing: (p) => `一次性告知书要求重新上传“${p.material ?? p.materialCode ?? ''}”，请一并上传新的文件`,
  flagged_field_missing: '一次性告知书指出了此项，请填写更正后的内容',
  fee_input_missing: (p) => `收费项目 ${p.feeCode ?? ''} 需要填写这一项`,
  fee_input_not_number: (p) => `收费项目 ${p.feeCode ?? ''} 需要一个不小于 0 的数`,
  fee_input_not_flag: (p) => `收费项目 ${p.feeCode ?? ''} 需要选择“是”或“否”`,
  fee_input_too_large: (p) => `按此数量，收费项目 ${p.feeCode ?? ''} 的金额过大，无法收取`,
};

function word(wording: Wording | undefined, params: ErrorParams | undefined): string | undefined {
  return typeof wording === 'function' ? wording(params ?? {}) : wording;
}

/** A field error on the wire, in the caller's language (English as raised when no Chinese is known). */
export function localizedField(field: FieldError, language: Language): WireFieldError {
  const { zh: _zh, ...wire } = field;
  if (language === 'en') return wire;
  const zh = field.zh ?? (field.rule === undefined ? undefined : word(FIELD_MESSAGES_ZH[field.rule], field.params));
  return { ...wire, message: zh ?? field.message };
}

/** An error's body on the wire, in the caller's language. */
export function localizedError(error: OneTripError, language: Language): ErrorBody['error'] {
  const message = language === 'en' ? error.message : (word(ERROR_MESSAGES_ZH[error.code], error.params) ?? error.message);
  const body: ErrorBody['error'] = { code: error.code, message };
  if (error.fields?.length) body.fields = error.fields.map((f) => localizedField(f, language));
  return body;
}
