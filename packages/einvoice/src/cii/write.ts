import type { Invoice } from '../model/types.js';

/** Model → CII D16B CrossIndustryInvoice. (Stub: to be written.) */
export function writeCii(invoice: Invoice): string {
  void invoice;
  throw new Error('not implemented');
}
