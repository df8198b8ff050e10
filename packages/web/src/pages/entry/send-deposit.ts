/**
 * Sends a deposit to POST /api/v1/invoices: JSON for a keyed invoice alone, multipart when a
 * file goes with it. Multipart goes through XMLHttpRequest because fetch reports no upload
 * progress; refusals come back as the API's problem documents (ApiError), as everywhere else.
 */
import type { KeyedInvoice } from '@chorale/einvoice';
import { api, ApiError, data, getCsrfToken } from '../../api/client';
import type { paths } from '../../api/schema';

export type DepositReply =
  paths['/api/v1/invoices']['post']['responses'][201]['content']['application/json'];

export interface DepositInput {
  metadata: { framework: string; type?: string };
  keyed?: KeyedInvoice;
  /** The invoice file: XML, Factur-X, or a plain PDF (then with keyed data). */
  invoice?: File;
  attachments?: File[];
  /** Called with the share (0 to 1) of the request body sent so far. */
  onProgress?: (share: number) => void;
  /** Makes a retried request (network failure) answer the first deposit, never a second one. */
  idempotencyKey: string;
}

/** What a refusal says, for the page: the stable code and the whole problem document. */
export interface Refusal {
  code: string;
  message: { fr: string; en: string } | undefined;
  details: { pointer?: string; message: string }[];
}

export function refusalOf(error: unknown): Refusal | undefined {
  if (!(error instanceof ApiError)) return undefined;
  const p = error.problem as {
    refusal?: { code?: string; message?: { fr: string; en: string } };
    errors?: { pointer?: string; message: string }[];
  };
  return {
    code: p.refusal?.code ?? error.code,
    message: p.refusal?.message,
    // The first item of a refusal repeats its code ({pointer: 'refusal'}): not a detail.
    details: (p.errors ?? []).filter((e) => e.pointer !== 'refusal'),
  };
}

export async function sendDeposit(input: DepositInput): Promise<DepositReply> {
  if (!input.invoice && !input.attachments?.length && input.keyed) {
    input.onProgress?.(0);
    const reply = data(
      await api.POST('/api/v1/invoices', {
        body: { metadata: input.metadata, keyed: input.keyed },
        params: { header: { 'idempotency-key': input.idempotencyKey } },
      }),
    );
    input.onProgress?.(1);
    return reply;
  }
  const form = new FormData();
  form.append('metadata', JSON.stringify(input.metadata));
  if (input.keyed) form.append('keyed', JSON.stringify(input.keyed));
  if (input.invoice) form.append('invoice', input.invoice, input.invoice.name);
  for (const a of input.attachments ?? []) form.append('attachments', a, a.name);
  return new Promise<DepositReply>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', '/api/v1/invoices');
    xhr.withCredentials = true;
    xhr.setRequestHeader('accept', 'application/json');
    xhr.setRequestHeader('idempotency-key', input.idempotencyKey);
    const csrf = getCsrfToken();
    if (csrf) xhr.setRequestHeader('x-csrf-token', csrf);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable && e.total > 0) input.onProgress?.(e.loaded / e.total);
    };
    xhr.onerror = () => reject(new TypeError('network'));
    xhr.onload = () => {
      let body: unknown;
      try {
        body = JSON.parse(xhr.responseText) as unknown;
      } catch {
        body = {};
      }
      const problem = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
      if (xhr.status === 201) {
        input.onProgress?.(1);
        resolve(problem as unknown as DepositReply);
        return;
      }
      reject(
        new ApiError(
          xhr.status,
          typeof problem.code === 'string' ? problem.code : `HTTP_${xhr.status}`,
          typeof problem.detail === 'string' ? problem.detail : xhr.statusText,
          problem,
        ),
      );
    };
    xhr.send(form);
  });
}
