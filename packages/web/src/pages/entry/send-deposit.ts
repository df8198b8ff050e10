/**
 * Sends a deposit to POST /api/v1/invoices: JSON for a keyed invoice alone, multipart when a
 * file goes with it (uploadForm, for its progress); refusals come back as the API's problem
 * documents (ApiError), as everywhere else.
 */
import type { KeyedInvoice } from '@chorale/einvoice';
import { api, ApiError, data } from '../../api/client';
import { uploadForm } from '../../api/upload';
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
  return uploadForm<DepositReply>({
    url: '/api/v1/invoices',
    form,
    expect: 201,
    idempotencyKey: input.idempotencyKey,
    onProgress: input.onProgress,
  });
}
