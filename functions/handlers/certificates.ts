/**
 * One certificate per approved task (docs/results.md): renders the PDF, stores it in the
 * results bucket, and records the certificate, the holder's library entry and the case's
 * result in one transaction. A redelivered message finds the result on the case and does
 * nothing; the last result of a completed case starts the handover. A certificate that
 * cannot be made marks the case's result delayed before its message goes to the DLQ.
 */
import { delayCertificate, issueCertificate } from '../app/issue-certificate.js';
import { queueWorker } from '../lambda/worker.js';

export const handler = queueWorker(issueCertificate, { onGivingUp: delayCertificate });
