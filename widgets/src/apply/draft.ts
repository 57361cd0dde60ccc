/**
 * The half-filled application, kept in the browser's localStorage so a reload loses
 * nothing: everything typed, the ids and names of finished uploads (never the files), the
 * certificates the applicant's library holds for the materials and which of them the
 * applicant chose to upload instead, the step, and the submission in flight (its
 * idempotency key and the bodies sent with it).
 */
import type { HeldCertificate } from '../../../contracts/certificates.js';
import type { FormValue } from '../shared/schema-form.js';
import { answersQuery } from '../shared/api.js';


export interface UploadedFile {
  uploadId: string;
  fileName: string;
  size: number;
}

export interface Deferral {
  /** The applicant chose to supply this material later (容缺后补). */
  on: boolean;
  dueDate: string;
  commitment: boolean;
}

/**
 * What the library answered, and for whom: `who` is the applicant's ID type, ID number and
 * name with the proofs asked, so the library is asked again when any of them changes.
 */
export interface LibraryAnswer {
  who: string;
  held: HeldCertificate[];
}

/**
 * One submission attempt: a key reused for every retry until the receipt is shown, and
 * each distinct body sent with it (the server knows the key with at most one of them).
 */
export interface Submission {
  key: string;
  bodies: unknown[];
}

export interface Draft {
  step: number;
  applicant: Record<string, string>;
  form: Record<string, FormValue>;
  uploads: Record<string, UploadedFile>;
  deferred: Record<string, Deferral>;
  /** The certificate library's answer for this applicant, once asked. */
  library?: LibraryAnswer;
  /** Codes of materials the library holds that the applicant chose to upload instead. */
  uploadInstead: string[];
  delivery: { mode: string; address: Record<string, string> };
  submission?: Submission;
  /** A bundle's answers to its situation questions; `confirmed` once the form is built for them. */
  situations?: { answers: Record<string, boolean>; confirmed: boolean };
}

const VERSION = 1;

export const emptyDraft = (): Draft => ({
  step: 1,
  applicant: {},
  form: {},
  uploads: {},
  deferred: {},
  uploadInstead: [],
  delivery: { mode: '', address: {} },
});

/**
 * The query form of the confirmed situation answers (`needsSeals:yes,…`, as
 * `GET /v1/catalog/bundles/{code}?answers=` reads it), or undefined while none are.
 */
export function confirmedAnswers(situations: Draft['situations']): string | undefined {
  return situations?.confirmed ? answersQuery(situations.answers) : undefined;
}

/** One draft per item and API (two widgets for two items on one page keep two drafts). */
export const draftKey = (apiBase: string, item: string): string => `onetrip.apply:${apiBase}:${item}`;

function storage(): Storage | undefined {
  try {
    return window.localStorage;
  } catch {
    // Storage may be blocked (private modes, sandboxed frames): the form still works, without a draft.
    return undefined;
  }
}

export function loadDraft(key: string): Draft | undefined {
  try {
    const text = storage()?.getItem(key);
    if (!text) return undefined;
    const saved = JSON.parse(text) as { v?: number; draft?: Draft };
    return saved.v === VERSION && saved.draft ? { ...emptyDraft(), ...saved.draft } : undefined;
  } catch {
    return undefined;
  }
}

export function saveDraft(key: string, draft: Draft): void {
  try {
    storage()?.setItem(key, JSON.stringify({ v: VERSION, savedAt: new Date().toISOString(), draft }));
  } catch {
    // Quota or blocked storage: keep going without a draft.
  }
}

export function clearDraft(key: string): void {
  try {
    storage()?.removeItem(key);
  } catch {
    // nothing to clear
  }
}

/** Whether the applicant has entered anything worth offering to discard. */
export function hasContent(draft: Draft): boolean {
  return (
    draft.step > 1 ||
    Object.values(draft.applicant).some(Boolean) ||
    Object.keys(draft.form).length > 0 ||
    Object.keys(draft.uploads).length > 0 ||
    Object.values(draft.deferred).some((d) => d.on) ||
    Boolean(draft.delivery.mode) ||
    Boolean(draft.submission) ||
    Boolean(draft.situations)
  );
}
