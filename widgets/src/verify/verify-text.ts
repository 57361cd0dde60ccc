/**
 * What the verification widget says, apart from its layout: a typed code made canonical and
 * checked, and a certificate's standing (genuine and current, revoked, not current) in
 * plain words for people who scanned a QR code, not for programmers.
 */
import { msg, str } from '@lit/localize';
import { VERIFICATION_CODE_PATTERN, type CertificateView, type PdfVerification } from '../../../contracts/certificates.js';
import { localized } from '../service-guide/catalog-text.js';
import { formatDate, formatDateTime } from '../shared/format.js';

/**
 * A code as people type it, made canonical: capitals, no spaces, and the dashes put back
 * when twelve characters were typed without them (`yy7k 3mpq 8hrt` → `YY7K-3MPQ-8HRT`).
 */
export function canonicalCode(typed: string): string {
  const code = typed.toUpperCase().replace(/\s+/g, '');
  return /^[A-Z0-9]{12}$/.test(code) ? `${code.slice(0, 4)}-${code.slice(4, 8)}-${code.slice(8)}` : code;
}

/** Why a canonical code cannot be a verification code, or `undefined` when it can. */
export function codeProblem(code: string): string | undefined {
  if (!code) return msg('请输入核验码', { id: 'verify.codeMissing' });
  if (!VERIFICATION_CODE_PATTERN.test(code)) return msg('核验码格式应为 XXXX-XXXX-XXXX（12 位字母或数字，不含 0、1、I、L、O）', { id: 'verify.codeInvalid' });
  return undefined;
}

export type Standing = 'current' | 'revoked' | 'not-issued' | 'not-current';

export function standingOf(c: CertificateView): Standing {
  if (c.status === 'revoked') return 'revoked';
  if (c.status === 'pending') return 'not-issued';
  return c.current ? 'current' : 'not-current';
}

/** The verdict in a few strong words, and what it means. */
export function verdict(c: CertificateView): { title: string; explanation: string } {
  const issuer = localized(c.issuer.name);
  switch (standingOf(c)) {
    case 'current':
      return {
        title: msg('证照真实有效', { id: 'verify.current' }),
        // A code finds the platform's record, not the file in hand: only the file check below says the file is unaltered.
        explanation: msg(str`平台记录显示，这份证照由${issuer}签发，目前有效。核验码只能查到平台的记录，要确认您手中的文件未被改动，请在下方核验证照文件。`, { id: 'verify.currentExplanation' }),
      };
    case 'revoked':
      return {
        title: msg('证照已被撤销', { id: 'verify.revoked' }),
        explanation: msg(str`这份证照由${issuer}签发，但已于 ${formatDateTime(c.revoked?.at ?? c.issuedOn)} 被撤销，不再有效。`, { id: 'verify.revokedExplanation' }),
      };
    case 'not-issued':
      return {
        title: msg('证照尚未发放', { id: 'verify.notIssued' }),
        explanation: msg(str`这份证照由${issuer}出具，但办件尚未办结，证照还没有发放，目前不能作为有效证照使用。`, { id: 'verify.notIssuedExplanation' }),
      };
    default:
      return {
        title: msg('证照目前无效', { id: 'verify.notCurrent' }),
        explanation: msg(str`这份证照由${issuer}出具，但目前不能作为有效证照使用。`, { id: 'verify.notCurrentExplanation' }),
      };
  }
}

/** The facts a relying party checks the paper against, as `[term, value]`. */
export function facts(c: CertificateView): Array<[string, string]> {
  return [
    [msg('核验码', { id: 'verify.code' }), c.verificationCode],
    [msg('证照名称', { id: 'verify.item' }), localized(c.itemName)],
    [msg('发证部门', { id: 'verify.issuer' }), localized(c.issuer.name)],
    [msg('签发日期', { id: 'verify.issuedOn' }), formatDate(c.issuedOn)],
    ...(c.licenceNumber ? [[msg('证照编号', { id: 'verify.licenceNumber' }), c.licenceNumber] as [string, string]] : []),
    [
      msg('有效期', { id: 'verify.validity' }),
      c.validTo ? msg(str`${formatDate(c.validFrom)} 至 ${formatDate(c.validTo)}`, { id: 'verify.validityRange' }) : msg('长期', { id: 'verify.longTerm' }),
    ],
    [msg('持证人', { id: 'verify.holder' }), c.holder.name],
    [msg('证件号码', { id: 'verify.holderId' }), c.holder.idNumber],
  ];
}

/**
 * The verdict on a certificate file (`POST /v1/certificates/verify`) in plain words: genuine
 * and unaltered; unaltered but not valid now; signed by the county but not a file OneTrip
 * issued; altered since signing; or not signed by the county at all.
 */
export function fileVerdict(v: PdfVerification): { standing: Standing | 'unknown'; title: string; explanation: string } {
  const c = v.certificate;
  if (v.genuine && c) {
    return {
      standing: 'current',
      title: msg('文件真实，未被改动', { id: 'verify.file.genuine' }),
      explanation: msg(str`这份 PDF 文件由${localized(c.issuer.name)}签发，电子签名有效，与平台发放的文件完全一致，证照目前有效。`, { id: 'verify.file.genuineExplanation' }),
    };
  }
  if (v.signature === 'invalid') {
    return {
      standing: 'unknown',
      title: msg('文件已被改动', { id: 'verify.file.altered' }),
      explanation: msg('这份 PDF 文件在签名后被改动过，电子签名与内容不符，不能作为证照使用。', { id: 'verify.file.alteredExplanation' }),
    };
  }
  if (v.signature === 'valid' && v.signedByCounty && c) {
    return {
      standing: standingOf(c),
      title: msg('文件未被改动，但证照目前无效', { id: 'verify.file.notCurrent' }),
      explanation: verdict(c).explanation,
    };
  }
  if (v.signature === 'valid' && v.signedByCounty) {
    return {
      standing: 'unknown',
      title: msg('不是平台发放的证照文件', { id: 'verify.file.unknown' }),
      explanation: msg('这份 PDF 文件带有本县的电子签名，但与平台发放的任何证照文件都不一致，不能确认是真实证照。', { id: 'verify.file.unknownExplanation' }),
    };
  }
  return {
    standing: 'unknown',
    title: msg('无法确认这份文件', { id: 'verify.file.unsigned' }),
    explanation: msg('这份 PDF 文件没有本县的有效电子签名，不是本平台签发的证照。', { id: 'verify.file.unsignedExplanation' }),
  };
}
