/**
 * The validation worker thread (see validation-pool.ts): validates XML invoices with the
 * EN 16931 library, off the event loop that drives the database. Self-contained on purpose —
 * it imports only the library and node builtins — so it runs as built JavaScript, under tsx,
 * or with Node's own type stripping.
 *
 * It answers with the report WITHOUT the model and the model as stored (`modelJson`): copying
 * the model with its XML locations between threads cost about as much as validating it, its
 * JSON a twentieth of that.
 */
import { isMainThread, parentPort } from 'node:worker_threads';
import { validate, type Invoice } from '@chorale/einvoice';

/**
 * The model as stored, as JSON: plain data, without the XML locations (`$…` members) readers
 * attach. One pass of JSON.stringify with a replacer, rather than a copy of the whole tree.
 */
export function normalisedJson(model: Invoice): string {
  return JSON.stringify(model, (key, value: unknown) => (key.startsWith('$') ? undefined : value));
}

export interface ValidationRequest {
  id: number;
  xml: Uint8Array | string;
}

export type ValidationAnswer =
  | {
      id: number;
      report: Omit<ReturnType<typeof validate>, 'invoice'>;
      modelJson: string | undefined;
      /** The model without its lines, as JSON: what the deposit's checks read (headOf). */
      headJson: string | undefined;
    }
  | { id: number; failure: string };

if (!isMainThread && parentPort) {
  const port = parentPort;
  port.on('message', (request: ValidationRequest) => {
    let answer: ValidationAnswer;
    try {
      const { invoice, ...report } = validate(request.xml);
      answer = {
        id: request.id,
        report,
        modelJson: invoice ? normalisedJson(invoice) : undefined,
        headJson: invoice ? normalisedJson({ ...invoice, lines: [] }) : undefined,
      };
    } catch (error) {
      answer = { id: request.id, failure: String((error as Error)?.stack ?? error) };
    }
    port.postMessage(answer);
  });
}
