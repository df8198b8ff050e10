/**
 * UBL 2.1 Invoice / CreditNote → EN 16931 model, following the EN 16931-3-2 syntax binding.
 *
 * Invariants (see model/types.ts):
 * - Never throws, whatever the tree: fragments of the official unit tests are often
 *   incomplete, and the rules must still run on what is there.
 * - Text is kept as read (untrimmed); an empty element gives ''. Dates are kept as read too:
 *   rules judge their validity.
 * - A term that may occur once but is repeated is read from its first occurrence (the UBL-SR
 *   tree rules report the repetition).
 * - Every group gets `$src` (its element) and `$at[field]` (the element each value came from;
 *   for a value held in an attribute, the element carrying the attribute).
 * - Where several official rules read a term through a filter, the model follows the filter of
 *   the EN 16931 binding: VAT categories come from the TaxCategory / ClassifiedTaxCategory whose
 *   TaxScheme/ID is 'VAT' (trimmed, case-insensitive), BT-31/BT-48/BT-63 from the PartyTaxScheme
 *   whose TaxScheme/ID is 'VAT', BT-32 from the first other PartyTaxScheme.
 * - Required strings of the model (PrecedingInvoice.id, AdditionalDocument.id, ItemAttribute
 *   name/value) read as '' when their element is absent; their `$at` entry is then missing,
 *   which is how a rule tells "absent" (exists() fails) from "empty".
 * - Groups the UBL spreads over several elements: BG-16 gathers every cac:PaymentMeans (its
 *   code, text and remittance from the first, one BG-17 per PayeeFinancialAccount, each
 *   PaymentMeans with its own code and account in `means` unless they follow the default
 *   layout), plus BT-90
 *   from a 'SEPA' party identifier (BG-16 then exists, without `$src`, even with no
 *   PaymentMeans); BG-22 holds LegalMonetaryTotal and BT-110/BT-111 from the TaxTotals, so it
 *   exists without `$src` when only a TaxTotal amount does; BG-23 comes from the subtotals of
 *   every TaxTotal.
 * - BG-14 exists when cac:InvoicePeriod has a start or end date, or is empty (BR-CO-19 must
 *   see it); one holding only BT-8 (DescriptionCode) gives BT-8 alone.
 * - BT-21 is read from the binding's '#CODE#text' note prefix.
 * - One pass over the children of the root and of each line (switch on the local name), so
 *   reading stays linear in the number of lines.
 *
 * This module reads the document level; the sections live beside it: read-parties.ts (BG-4,
 * BG-7, BG-10, BG-11, BG-13), read-payment.ts (BG-16), read-lines.ts (BG-25), read-totals.ts
 * (BG-22, BG-23), and read-common.ts for what several of them share.
 */
import type { AdditionalDocument, Invoice, Note } from '../model/types.js';
import {
  blankAdditionalDocument,
  blankInvoice,
  blankNote,
  blankPrecedingInvoice,
  text,
  type Read,
} from '../model/blank.js';
import { attr, child } from '../xml/query.js';
import type { XmlElement } from '../xml/types.js';
import { CAC, CBC, find, identifier, readAllowanceCharge, readPeriod } from './read-common.js';
import { readLine } from './read-lines.js';
import {
  readBuyer,
  readDelivery,
  readPayee,
  readSeller,
  readTaxRepresentative,
} from './read-parties.js';
import { readPayment } from './read-payment.js';
import { readTotals } from './read-totals.js';

function readAdditionalDocument(el: XmlElement, id: XmlElement | undefined): AdditionalDocument {
  const d = blankAdditionalDocument(el);
  if (id) {
    d.id = id.text;
    d.$at.id = id;
  }
  d.typeCode = text(d.$at, 'typeCode', child(el, CBC, 'DocumentTypeCode'));
  d.description = text(d.$at, 'description', child(el, CBC, 'DocumentDescription'));
  const attachment = child(el, CAC, 'Attachment');
  if (attachment) {
    const bin = child(attachment, CBC, 'EmbeddedDocumentBinaryObject');
    if (bin) {
      d.attachment = {
        content: bin.text,
        mimeCode: attr(bin, 'mimeCode'),
        filename: attr(bin, 'filename'),
      };
      d.$at.attachment = bin;
    }
    d.externalUri = text(
      d.$at,
      'externalUri',
      find(attachment, [CAC, 'ExternalReference'], [CBC, 'URI']),
    );
  }
  return d;
}

/** Splits the '#CODE#text' convention that carries BT-21 in a UBL note. */
function readNote(el: XmlElement): Note {
  const text = el.text;
  const note = blankNote(el, text);
  note.$at.text = el;
  if (text.charCodeAt(0) === 35 /* # */) {
    const end = text.indexOf('#', 1);
    if (end > 1 && end <= 4) {
      let letters = true;
      for (let i = 1; i < end; i++) {
        const ch = text.charCodeAt(i);
        if (ch < 65 || ch > 90) letters = false;
      }
      if (letters) {
        note.subjectCode = text.slice(1, end);
        note.text = text.slice(end + 1);
        note.$at.subjectCode = el;
      }
    }
  }
  return note;
}

/** UBL 2.1 Invoice or CreditNote → model. Never throws. */
export function readUbl(root: XmlElement): Invoice {
  const inv = blankInvoice(root);
  inv.syntax = 'UBL';
  inv.ublDocument = root.local === 'CreditNote' ? 'CreditNote' : 'Invoice';
  try {
    readInto(inv, root);
  } catch {
    // Defensive only: the walk above tolerates any tree. A partial model is still useful.
  }
  return inv;
}

function readInto(inv: Read<Invoice>, root: XmlElement): void {
  const isCreditNote = inv.ublDocument === 'CreditNote';
  let invoicePeriod: XmlElement | undefined;
  let supplier: XmlElement | undefined;
  let customer: XmlElement | undefined;
  let payee: XmlElement | undefined;
  let taxRep: XmlElement | undefined;
  let delivery: XmlElement | undefined;
  let monetaryTotal: XmlElement | undefined;
  let paymentTerms: XmlElement | undefined;
  let projectRef: XmlElement | undefined;
  const means: XmlElement[] = [];
  const taxTotals: XmlElement[] = [];

  for (const c of root.children) {
    if (c.ns === CBC) {
      switch (c.local) {
        case 'CustomizationID':
          inv.specificationId ??= text(inv.$at, 'specificationId', c);
          break;
        case 'ProfileID':
          inv.businessProcessType ??= text(inv.$at, 'businessProcessType', c);
          break;
        case 'ID':
          inv.id ??= text(inv.$at, 'id', c);
          break;
        case 'IssueDate':
          inv.issueDate ??= text(inv.$at, 'issueDate', c);
          break;
        case 'DueDate':
          inv.dueDate ??= text(inv.$at, 'dueDate', c);
          break;
        case 'InvoiceTypeCode':
        case 'CreditNoteTypeCode':
          inv.typeCode ??= text(inv.$at, 'typeCode', c);
          break;
        case 'Note':
          inv.notes.push(readNote(c));
          break;
        case 'TaxPointDate':
          inv.taxPointDate ??= text(inv.$at, 'taxPointDate', c);
          break;
        case 'DocumentCurrencyCode':
          inv.currencyCode ??= text(inv.$at, 'currencyCode', c);
          break;
        case 'TaxCurrencyCode':
          inv.vatAccountingCurrencyCode ??= text(inv.$at, 'vatAccountingCurrencyCode', c);
          break;
        case 'AccountingCost':
          inv.buyerAccountingReference ??= text(inv.$at, 'buyerAccountingReference', c);
          break;
        case 'BuyerReference':
          inv.buyerReference ??= text(inv.$at, 'buyerReference', c);
          break;
      }
      continue;
    }
    if (c.ns !== CAC) continue;
    switch (c.local) {
      case 'InvoicePeriod':
        invoicePeriod ??= c;
        break;
      case 'OrderReference':
        inv.purchaseOrderReference ??= text(inv.$at, 'purchaseOrderReference', child(c, CBC, 'ID'));
        inv.salesOrderReference ??= text(
          inv.$at,
          'salesOrderReference',
          child(c, CBC, 'SalesOrderID'),
        );
        break;
      case 'BillingReference': {
        // One BG-3 per BillingReference (UBL-SR-06 reports a repeated document reference).
        // The id is required in the model: an absent one reads as '' without an $at entry,
        // which is how BR-55 (existence, not emptiness) tells them apart.
        const ref = child(c, CAC, 'InvoiceDocumentReference');
        const id = child(ref, CBC, 'ID');
        const p = blankPrecedingInvoice(ref ?? c);
        if (id) p.id = text(p.$at, 'id', id)!;
        p.issueDate = text(p.$at, 'issueDate', child(ref, CBC, 'IssueDate'));
        inv.precedingInvoices.push(p);
        break;
      }
      case 'DespatchDocumentReference':
        inv.despatchAdviceReference ??= text(
          inv.$at,
          'despatchAdviceReference',
          child(c, CBC, 'ID'),
        );
        break;
      case 'ReceiptDocumentReference':
        inv.receivingAdviceReference ??= text(
          inv.$at,
          'receivingAdviceReference',
          child(c, CBC, 'ID'),
        );
        break;
      case 'OriginatorDocumentReference':
        inv.tenderOrLotReference ??= text(inv.$at, 'tenderOrLotReference', child(c, CBC, 'ID'));
        break;
      case 'ContractDocumentReference':
        inv.contractReference ??= text(inv.$at, 'contractReference', child(c, CBC, 'ID'));
        break;
      case 'AdditionalDocumentReference': {
        const id = child(c, CBC, 'ID');
        const typeCode = child(c, CBC, 'DocumentTypeCode')?.text;
        if (typeCode === '130') {
          // BT-18 (the invoiced object); a repeated one is reported by UBL-SR-04.
          if (id && !inv.invoicedObjectId) inv.invoicedObjectId = identifier(id);
        } else if (typeCode === '50' && isCreditNote) {
          // A UBL CreditNote has no ProjectReference: BT-11 travels here instead.
          projectRef ??= id;
        } else inv.additionalDocuments.push(readAdditionalDocument(c, id));
        break;
      }
      case 'ProjectReference':
        inv.projectReference ??= text(inv.$at, 'projectReference', child(c, CBC, 'ID'));
        break;
      case 'AccountingSupplierParty':
        supplier ??= c;
        break;
      case 'AccountingCustomerParty':
        customer ??= c;
        break;
      case 'PayeeParty':
        payee ??= c;
        break;
      case 'TaxRepresentativeParty':
        taxRep ??= c;
        break;
      case 'Delivery':
        delivery ??= c;
        break;
      case 'PaymentMeans':
        means.push(c);
        break;
      case 'PaymentTerms':
        paymentTerms ??= c;
        break;
      case 'AllowanceCharge': {
        const { charge, ac } = readAllowanceCharge(c);
        if (charge === true) inv.charges.push(ac);
        else if (charge === false) inv.allowances.push(ac);
        break;
      }
      case 'TaxTotal':
        taxTotals.push(c);
        break;
      case 'LegalMonetaryTotal':
        monetaryTotal ??= c;
        break;
      case 'InvoiceLine':
      case 'CreditNoteLine':
        inv.lines.push(readLine(c));
        break;
    }
  }

  // ProjectReference wins over the CreditNote's type-50 document reference if both occur.
  inv.projectReference ??= text(inv.$at, 'projectReference', projectRef);
  if (paymentTerms)
    inv.paymentTerms = text(inv.$at, 'paymentTerms', child(paymentTerms, CBC, 'Note'));

  if (invoicePeriod) {
    const code = child(invoicePeriod, CBC, 'DescriptionCode');
    inv.vatPointDateCode = text(inv.$at, 'vatPointDateCode', code);
    const period = readPeriod(invoicePeriod);
    // A period holding only BT-8 is not BG-14; an empty one is kept so BR-CO-19 can see it.
    if (period.startDate !== undefined || period.endDate !== undefined || !code) {
      inv.invoicingPeriod = period;
    }
  }

  const sepa: XmlElement[] = [];
  if (supplier) inv.seller = readSeller(supplier, sepa);
  if (customer) inv.buyer = readBuyer(customer);
  if (payee) inv.payee = readPayee(payee, sepa);
  if (taxRep) inv.taxRepresentative = readTaxRepresentative(taxRep);
  if (delivery) inv.delivery = readDelivery(delivery);

  // BT-9: the Invoice's cbc:DueDate, or in a CreditNote (which has none) the payment due date.
  if (inv.dueDate === undefined) {
    for (const m of means) {
      const due = child(m, CBC, 'PaymentDueDate');
      if (due) {
        inv.dueDate = text(inv.$at, 'dueDate', due);
        break;
      }
    }
  }
  if (means.length > 0 || sepa.length > 0) inv.paymentInstructions = readPayment(means, sepa[0]);

  readTotals(inv, monetaryTotal, taxTotals);
}
