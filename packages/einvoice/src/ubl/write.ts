import type { Invoice } from '../model/types.js';

/** Model → UBL 2.1 Invoice (or CreditNote for credit note type codes). (Stub: to be written.) */
export function writeUbl(invoice: Invoice): string {
  void invoice;
  throw new Error('not implemented');
}
