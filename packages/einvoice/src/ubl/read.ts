import type { Invoice } from '../model/types.js';
import type { XmlElement } from '../xml/types.js';

/** UBL 2.1 Invoice or CreditNote → model. Never throws. (Stub: to be written.) */
export function readUbl(root: XmlElement): Invoice {
  void root;
  throw new Error('not implemented');
}
