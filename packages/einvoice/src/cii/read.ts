import type { Invoice } from '../model/types.js';
import type { XmlElement } from '../xml/types.js';

/** CII D16B CrossIndustryInvoice → model. Never throws. (Stub: to be written.) */
export function readCii(root: XmlElement): Invoice {
  void root;
  throw new Error('not implemented');
}
