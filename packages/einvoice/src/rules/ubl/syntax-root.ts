/**
 * UBL syntax rules whose context is the document root: "this path occurs at most once"
 * (UBL-SR), the UBL version (UBL-CR-002) and the Invoice's payment due date (UBL-CR-412). They
 * look only at a few root children.
 */
import type { Reporter } from '../engine.js';
import type { XmlElement } from '../../xml/types.js';
import {
  textOf,
  hasAttr,
  type Step,
  cac,
  cbc,
  collect,
  vatScheme,
  nonVatScheme,
  hasTypeCode,
  SUPPLIER,
  CUSTOMER,
} from './syntax-tree.js';

const ROOT_AT_MOST_ONCE: [id: string, path: Step[]][] = [
  ['UBL-SR-01', [cac('ContractDocumentReference'), cbc('ID')]],
  ['UBL-SR-02', [cac('ReceiptDocumentReference'), cbc('ID')]],
  ['UBL-SR-03', [cac('DespatchDocumentReference'), cbc('ID')]],
  ['UBL-SR-04', [cac('AdditionalDocumentReference', (el) => hasTypeCode(el, '130')), cbc('ID')]],
  ['UBL-SR-05', [cac('PaymentTerms'), cbc('Note')]],
  ['UBL-SR-08', [cac('InvoicePeriod')]],
  ['UBL-SR-09', [...SUPPLIER, cac('PartyLegalEntity'), cbc('RegistrationName')]],
  ['UBL-SR-10', [...SUPPLIER, cac('PartyName'), cbc('Name')]],
  ['UBL-SR-11', [...SUPPLIER, cac('PartyLegalEntity'), cbc('CompanyID')]],
  ['UBL-SR-12', [...SUPPLIER, cac('PartyTaxScheme', vatScheme), cbc('CompanyID')]],
  ['UBL-SR-13', [...SUPPLIER, cac('PartyTaxScheme', nonVatScheme), cbc('CompanyID')]],
  ['UBL-SR-14', [...SUPPLIER, cac('PartyLegalEntity'), cbc('CompanyLegalForm')]],
  ['UBL-SR-15', [...CUSTOMER, cac('PartyLegalEntity'), cbc('RegistrationName')]],
  ['UBL-SR-16', [...CUSTOMER, cac('PartyIdentification'), cbc('ID')]],
  ['UBL-SR-17', [...CUSTOMER, cac('PartyLegalEntity'), cbc('CompanyID')]],
  ['UBL-SR-18', [...CUSTOMER, cac('PartyTaxScheme', vatScheme), cbc('CompanyID')]],
  ['UBL-SR-24', [cac('Delivery')]],
  ['UBL-SR-39', [cac('ProjectReference'), cbc('ID')]],
  ['UBL-SR-40', [...CUSTOMER, cac('PartyName'), cbc('Name')]],
  ['UBL-SR-45', [cac('PaymentMeans'), cbc('PaymentDueDate')]],
  ['UBL-SR-46', [cac('PaymentMeans'), cbc('PaymentMeansCode', (el) => hasAttr(el, 'name'))]],
  ['UBL-SR-49', [cac('InvoicePeriod'), cbc('DescriptionCode')]],
  ['UBL-SR-54', [cac('PaymentMeans'), cac('CardAccount')]],
  ['UBL-SR-55', [cac('PaymentMeans'), cac('PaymentMandate')]],
  ['UBL-SR-56', [cac('OriginatorDocumentReference'), cbc('ID')]],
];
/** ROOT_AT_MOST_ONCE indexed by the local name of the first step: the root of a long invoice
 * has a child per line, so it is scanned once rather than once per rule. */
let rootRulesByFirst: Map<string, number[]> | undefined;

function rootAtMostOnce(root: XmlElement, r: Reporter): void {
  if (!rootRulesByFirst) {
    rootRulesByFirst = new Map();
    ROOT_AT_MOST_ONCE.forEach(([, path], k) => {
      const first = path[0]!.local;
      const list = rootRulesByFirst!.get(first);
      if (list) list.push(k);
      else rootRulesByFirst!.set(first, [k]);
    });
  }
  // Matches so far per rule, and the second one (fired in rule order, as before).
  let seen: number[] | undefined;
  let second: (XmlElement | undefined)[] | undefined;
  for (const c of root.children) {
    const rules = rootRulesByFirst.get(c.local);
    if (!rules) continue;
    for (const k of rules) {
      const path = ROOT_AT_MOST_ONCE[k]![1];
      const first = path[0]!;
      if (c.ns !== first.ns || (first.when && !first.when(c))) continue;
      seen ??= new Array<number>(ROOT_AT_MOST_ONCE.length).fill(0);
      if (seen[k]! >= 2) continue;
      for (const m of collect(c, path, 1)) {
        if (++seen[k]! === 2) {
          (second ??= [])[k] = m;
          break;
        }
      }
    }
  }
  if (second) {
    for (let k = 0; k < ROOT_AT_MOST_ONCE.length; k++) {
      const m = second[k];
      if (m) r.fire(ROOT_AT_MOST_ONCE[k]![0], m);
    }
  }
}

export function checkRoot(root: XmlElement, isCreditNote: boolean, r: Reporter): void {
  rootAtMostOnce(root, r);

  // UBL-CR-002: a UBL version other than 2.1.
  const versions = collect(root, [cbc('UBLVersionID')]);
  if (versions.length > 0 && !versions.some((v) => textOf(v) === '2.1')) {
    r.fire('UBL-CR-002', versions[0], undefined, { value: textOf(versions[0]!) });
  }
  // UBL-CR-412: the due date belongs in cbc:DueDate in an Invoice (a CreditNote has no such
  // element, so there PaymentMeans/PaymentDueDate is where BT-9 goes).
  if (!isCreditNote) {
    for (const el of collect(root, [cac('PaymentMeans'), cbc('PaymentDueDate')])) {
      r.fire('UBL-CR-412', el);
    }
  }
}
