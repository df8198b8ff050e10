/**
 * UN/CEFACT CII D16B CrossIndustryInvoice → EN 16931 model, following the EN 16931 CII syntax
 * binding.
 *
 * Invariants:
 * - Never throws, whatever the tree: every step goes through `child()`, which tolerates a
 *   missing element, and nothing is indexed without a check.
 * - Values are exactly what the official rules' XPath would see: the text as read (untrimmed),
 *   '' for a present-but-empty element, absent when the element is absent. A term that may
 *   occur once but is repeated is read from its first occurrence, as `ram:X` in a
 *   string context does.
 * - Every group gets `$src` (its element) and `$at[field]` (the element each field came from),
 *   so a finding can point at the exact XML element.
 * - Dates in format 102 that look like YYYYMMDD (the official CII-DT-097 test) become
 *   'YYYY-MM-DD'; anything else is kept as the raw text so rules can report it.
 * - Reading is linear in the size of the tree: each field is one scan of one element's
 *   children; no search over the whole document.
 *
 * This module reads the document context, the header and the agreement and delivery terms;
 * the sections live beside it: read-parties.ts (BG-4, BG-7, BG-10, BG-11), read-lines.ts
 * (BG-25), read-settlement.ts (payment, VAT breakdown, totals), and read-common.ts for what
 * several of them share.
 */
import type { AdditionalDocument, Invoice, Note } from '../model/types.js';
import {
  blankAdditionalDocument,
  blankDelivery,
  blankInvoice,
  blankNote,
  text,
  type Read,
} from '../model/blank.js';
import { attr, child } from '../xml/query.js';
import type { XmlElement } from '../xml/types.js';
import { dateText, identifier, partyId, ram, rams, RSM, type El } from './read-common.js';
import { line } from './read-lines.js';
import { address, buyer, seller, taxRepresentative } from './read-parties.js';
import { settlementTerms } from './read-settlement.js';

function note(el: XmlElement): Note {
  const n = blankNote(el, '');
  n.text = text(n.$at, 'text', ram(el, 'Content')) ?? '';
  n.subjectCode = text(n.$at, 'subjectCode', ram(el, 'SubjectCode'));
  return n;
}

function additionalDocument(el: XmlElement): AdditionalDocument {
  const d = blankAdditionalDocument(el);
  d.id = text(d.$at, 'id', ram(el, 'IssuerAssignedID')) ?? '';
  d.externalUri = text(d.$at, 'externalUri', ram(el, 'URIID'));
  d.typeCode = text(d.$at, 'typeCode', ram(el, 'TypeCode'));
  d.description = text(d.$at, 'description', ram(el, 'Name'));
  const bin = ram(el, 'AttachmentBinaryObject');
  if (bin) {
    d.attachment = {
      content: bin.text,
      mimeCode: attr(bin, 'mimeCode'),
      filename: attr(bin, 'filename'),
    };
    d.$at.attachment = bin;
  }
  return d;
}

function agreementTerms(inv: Read<Invoice>, agreement: El): void {
  inv.buyerReference = text(inv.$at, 'buyerReference', ram(agreement, 'BuyerReference'));
  const s = seller(ram(agreement, 'SellerTradeParty'));
  if (s) inv.seller = s;
  const b = buyer(ram(agreement, 'BuyerTradeParty'));
  if (b) inv.buyer = b;
  const rep = taxRepresentative(ram(agreement, 'SellerTaxRepresentativeTradeParty'));
  if (rep) inv.taxRepresentative = rep;
  inv.salesOrderReference = text(
    inv.$at,
    'salesOrderReference',
    ram(ram(agreement, 'SellerOrderReferencedDocument'), 'IssuerAssignedID'),
  );
  inv.purchaseOrderReference = text(
    inv.$at,
    'purchaseOrderReference',
    ram(ram(agreement, 'BuyerOrderReferencedDocument'), 'IssuerAssignedID'),
  );
  inv.contractReference = text(
    inv.$at,
    'contractReference',
    ram(ram(agreement, 'ContractReferencedDocument'), 'IssuerAssignedID'),
  );
  // TypeCode 50 is BT-17 and 130 is BT-18 (first of each, the CII-SR rules report a repeat);
  // every other AdditionalReferencedDocument is a BG-24 supporting document. Type codes are
  // compared trimmed: CII-DT-018 and the binding treat ' 130 ' as 130.
  for (const ref of rams(agreement, 'AdditionalReferencedDocument')) {
    const type = ram(ref, 'TypeCode')?.text.trim();
    const idEl = ram(ref, 'IssuerAssignedID');
    if (type === '50') {
      if (inv.tenderOrLotReference === undefined)
        inv.tenderOrLotReference = text(inv.$at, 'tenderOrLotReference', idEl);
    } else if (type === '130') {
      if (inv.invoicedObjectId === undefined && idEl) {
        const obj = identifier(idEl);
        const scheme = ram(ref, 'ReferenceTypeCode');
        if (scheme) obj.scheme = scheme.text;
        inv.invoicedObjectId = obj;
        inv.$at.invoicedObjectId = idEl;
      }
    } else inv.additionalDocuments.push(additionalDocument(ref));
  }
  inv.projectReference = text(
    inv.$at,
    'projectReference',
    ram(ram(agreement, 'SpecifiedProcuringProject'), 'ID'),
  );
}

function deliveryTerms(inv: Read<Invoice>, delivery: El): void {
  const shipTo = ram(delivery, 'ShipToTradeParty');
  const event = ram(delivery, 'ActualDeliverySupplyChainEvent');
  if (delivery && (shipTo || event)) {
    const d = blankDelivery(shipTo ?? delivery);
    const loc = partyId(shipTo);
    if (loc) d.locationId = loc;
    d.partyName = text(d.$at, 'partyName', ram(shipTo, 'Name'));
    const a = address(ram(shipTo, 'PostalTradeAddress'));
    if (a) d.address = a;
    d.actualDate = dateText(d.$at, 'actualDate', ram(event, 'OccurrenceDateTime'));
    inv.delivery = d;
  }
  inv.despatchAdviceReference = text(
    inv.$at,
    'despatchAdviceReference',
    ram(ram(delivery, 'DespatchAdviceReferencedDocument'), 'IssuerAssignedID'),
  );
  inv.receivingAdviceReference = text(
    inv.$at,
    'receivingAdviceReference',
    ram(ram(delivery, 'ReceivingAdviceReferencedDocument'), 'IssuerAssignedID'),
  );
}

/** CII D16B CrossIndustryInvoice → model. Never throws. */
export function readCii(root: XmlElement): Invoice {
  const inv = blankInvoice(root);
  inv.syntax = 'CII';
  const context = child(root, RSM, 'ExchangedDocumentContext');
  inv.businessProcessType = text(
    inv.$at,
    'businessProcessType',
    ram(ram(context, 'BusinessProcessSpecifiedDocumentContextParameter'), 'ID'),
  );
  inv.specificationId = text(
    inv.$at,
    'specificationId',
    ram(ram(context, 'GuidelineSpecifiedDocumentContextParameter'), 'ID'),
  );

  const doc = child(root, RSM, 'ExchangedDocument');
  inv.id = text(inv.$at, 'id', ram(doc, 'ID'));
  inv.typeCode = text(inv.$at, 'typeCode', ram(doc, 'TypeCode'));
  inv.issueDate = dateText(inv.$at, 'issueDate', ram(doc, 'IssueDateTime'));
  for (const n of rams(doc, 'IncludedNote')) inv.notes.push(note(n));

  const tx = child(root, RSM, 'SupplyChainTradeTransaction');
  for (const li of rams(tx, 'IncludedSupplyChainTradeLineItem')) inv.lines.push(line(li));
  agreementTerms(inv, ram(tx, 'ApplicableHeaderTradeAgreement'));
  deliveryTerms(inv, ram(tx, 'ApplicableHeaderTradeDelivery'));
  settlementTerms(inv, ram(tx, 'ApplicableHeaderTradeSettlement'));
  return inv;
}
