/**
 * EN 16931 model → UBL 2.1 Invoice or CreditNote, following the EN 16931-3-2 syntax binding.
 *
 * Invariants:
 * - Elements are written in the order of the UBL 2.1 XSD (Invoice and CreditNote differ in
 *   a few places: DueDate, TaxPointDate, ProjectReference, document references).
 * - Every amount carries @currencyID: the invoice currency (BT-5), except BT-111 which is in
 *   the VAT accounting currency (BT-6). Quantities carry @unitCode when the model has one.
 * - Absent terms are not written; '' terms are written as empty elements, so reading the
 *   output gives back the same model (see test/ubl/roundtrip.test.ts).
 * - The root is a CreditNote only when the model was read from one (`ublDocument`); any
 *   other model (CII, keyed in) becomes an Invoice, whatever its type code.
 * - Conventions of the binding used where the model has no UBL element of its own: BT-21 as a
 *   '#CODE#' prefix of the note, BT-18 as an AdditionalDocumentReference with type code 130,
 *   BT-11 in a CreditNote as one with type code 50, BT-90 as a PartyIdentification with
 *   scheme 'SEPA' (on the payee when there is one, else on the seller), BT-32 as a
 *   PartyTaxScheme whose TaxScheme/ID is 'TAX'.
 */
import type {
  AllowanceCharge,
  Contact,
  CreditTransfer,
  Identifier,
  Invoice,
  InvoiceLine,
  PaymentInstructions,
  Period,
  PostalAddress,
} from '../model/types.js';
import { num, sum } from '../model/decimal.js';
import { paymentMeansOf } from '../model/types.js';
import { NS } from '../xml/ns.js';
import { type Attrs, XmlBuilder } from '../xml/write.js';

/** BT-148 − BT-146 when both are decimals, else '0'. */
function priceDiscount(gross: string | undefined, net: string | undefined): string {
  const g = num(gross);
  const n = num(net);
  return g && n ? g.minus(n).toFixed() : '0';
}

/** Writes the model as a UBL 2.1 document (XML text, UTF-8 declaration, indented). */
export function writeUbl(invoice: Invoice): string {
  return new UblWriter(invoice).write();
}

class UblWriter {
  private readonly b: XmlBuilder;
  private readonly credit: boolean;
  /** @currencyID of amounts in the invoice currency. */
  private readonly cur: Attrs;

  constructor(private readonly inv: Invoice) {
    this.credit = inv.ublDocument === 'CreditNote';
    this.b = new XmlBuilder(this.credit ? 'CreditNote' : 'Invoice', {
      '': this.credit ? NS.ublCreditNote : NS.ublInvoice,
      cac: NS.cac,
      cbc: NS.cbc,
    });
    this.cur = { currencyID: inv.currencyCode };
  }

  private amount(name: string, value: string | undefined): void {
    this.b.leaf(name, value, this.cur);
  }

  private id(name: string, id: Identifier | undefined, schemeAttr = 'schemeID'): void {
    if (!id) return;
    this.b.leaf(name, id.value, { [schemeAttr]: id.scheme });
  }

  write(): string {
    const { b, inv, credit } = this;
    b.leaf('cbc:CustomizationID', inv.specificationId);
    b.leaf('cbc:ProfileID', inv.businessProcessType);
    b.leaf('cbc:ID', inv.id);
    b.leaf('cbc:IssueDate', inv.issueDate);
    if (credit) {
      b.leaf('cbc:TaxPointDate', inv.taxPointDate);
      b.leaf('cbc:CreditNoteTypeCode', inv.typeCode);
      this.notes();
    } else {
      b.leaf('cbc:DueDate', inv.dueDate);
      b.leaf('cbc:InvoiceTypeCode', inv.typeCode);
      this.notes();
      b.leaf('cbc:TaxPointDate', inv.taxPointDate);
    }
    b.leaf('cbc:DocumentCurrencyCode', inv.currencyCode);
    b.leaf('cbc:TaxCurrencyCode', inv.vatAccountingCurrencyCode);
    b.leaf('cbc:AccountingCost', inv.buyerAccountingReference);
    b.leaf('cbc:BuyerReference', inv.buyerReference);
    if (inv.invoicingPeriod || inv.vatPointDateCode !== undefined) {
      b.start('cac:InvoicePeriod');
      b.leaf('cbc:StartDate', inv.invoicingPeriod?.startDate);
      b.leaf('cbc:EndDate', inv.invoicingPeriod?.endDate);
      b.leaf('cbc:DescriptionCode', inv.vatPointDateCode);
      b.close();
    }
    if (inv.purchaseOrderReference !== undefined || inv.salesOrderReference !== undefined) {
      b.start('cac:OrderReference');
      // cbc:ID is mandatory in OrderReference: a sales order reference alone gets 'NA', the
      // binding's placeholder for "no purchase order".
      b.leaf('cbc:ID', inv.purchaseOrderReference ?? 'NA');
      b.leaf('cbc:SalesOrderID', inv.salesOrderReference);
      b.close();
    }
    for (const p of inv.precedingInvoices) {
      b.start('cac:BillingReference').start('cac:InvoiceDocumentReference');
      b.leaf('cbc:ID', p.id);
      b.leaf('cbc:IssueDate', p.issueDate);
      b.close().close();
    }
    this.docRef('cac:DespatchDocumentReference', inv.despatchAdviceReference);
    this.docRef('cac:ReceiptDocumentReference', inv.receivingAdviceReference);
    if (credit) {
      this.docRef('cac:ContractDocumentReference', inv.contractReference);
      this.additionalDocuments();
      this.docRef('cac:OriginatorDocumentReference', inv.tenderOrLotReference);
    } else {
      this.docRef('cac:OriginatorDocumentReference', inv.tenderOrLotReference);
      this.docRef('cac:ContractDocumentReference', inv.contractReference);
      this.additionalDocuments();
      if (inv.projectReference !== undefined) {
        b.start('cac:ProjectReference').leaf('cbc:ID', inv.projectReference).close();
      }
    }
    this.parties();
    this.delivery();
    this.payment();
    if (inv.paymentTerms !== undefined)
      b.start('cac:PaymentTerms').leaf('cbc:Note', inv.paymentTerms).close();
    for (const a of inv.allowances) this.allowanceCharge(a, false);
    for (const c of inv.charges) this.allowanceCharge(c, true);
    this.taxTotals();
    this.monetaryTotal();
    for (const line of inv.lines)
      this.line(line, credit ? 'cac:CreditNoteLine' : 'cac:InvoiceLine');
    return b.finish();
  }

  private notes(): void {
    for (const n of this.inv.notes) {
      this.b.leaf('cbc:Note', n.subjectCode !== undefined ? `#${n.subjectCode}#${n.text}` : n.text);
    }
  }

  private docRef(name: string, id: string | undefined): void {
    if (id === undefined) return;
    this.b.start(name).leaf('cbc:ID', id).close();
  }

  private additionalDocuments(): void {
    const { b, inv } = this;
    if (inv.invoicedObjectId) {
      b.start('cac:AdditionalDocumentReference');
      this.id('cbc:ID', inv.invoicedObjectId);
      b.leaf('cbc:DocumentTypeCode', '130');
      b.close();
    }
    if (this.credit && inv.projectReference !== undefined) {
      // A CreditNote has no ProjectReference: the binding carries BT-11 here.
      b.start('cac:AdditionalDocumentReference');
      b.leaf('cbc:ID', inv.projectReference);
      b.leaf('cbc:DocumentTypeCode', '50');
      b.close();
    }
    for (const d of inv.additionalDocuments) {
      b.start('cac:AdditionalDocumentReference');
      b.leaf('cbc:ID', d.id);
      // The type code is not written: UBL-SR-43 allows none on an ordinary supporting
      // document (CII's 916 has no UBL counterpart).
      b.leaf('cbc:DocumentDescription', d.description);
      if (d.attachment || d.externalUri !== undefined) {
        b.start('cac:Attachment');
        if (d.attachment) {
          b.leaf('cbc:EmbeddedDocumentBinaryObject', d.attachment.content, {
            mimeCode: d.attachment.mimeCode,
            filename: d.attachment.filename,
          });
        }
        if (d.externalUri !== undefined)
          b.start('cac:ExternalReference').leaf('cbc:URI', d.externalUri).close();
        b.close();
      }
      b.close();
    }
  }

  private address(name: string, a: PostalAddress | undefined): void {
    if (!a) return;
    const b = this.b;
    b.start(name);
    b.leaf('cbc:StreetName', a.line1);
    b.leaf('cbc:AdditionalStreetName', a.line2);
    b.leaf('cbc:CityName', a.city);
    b.leaf('cbc:PostalZone', a.postCode);
    b.leaf('cbc:CountrySubentity', a.countrySubdivision);
    if (a.line3 !== undefined) b.start('cac:AddressLine').leaf('cbc:Line', a.line3).close();
    if (a.countryCode !== undefined)
      b.start('cac:Country').leaf('cbc:IdentificationCode', a.countryCode).close();
    b.close();
  }

  private contact(c: Contact | undefined): void {
    if (!c) return;
    const b = this.b;
    b.start('cac:Contact');
    b.leaf('cbc:Name', c.name);
    b.leaf('cbc:Telephone', c.phone);
    b.leaf('cbc:ElectronicMail', c.email);
    b.close();
  }

  private partyIds(ids: (Identifier | undefined)[]): void {
    for (const id of ids) {
      if (!id) continue;
      this.b.start('cac:PartyIdentification');
      this.id('cbc:ID', id);
      this.b.close();
    }
  }

  private taxScheme(companyId: string | undefined, scheme: string): void {
    if (companyId === undefined) return;
    const b = this.b;
    b.start('cac:PartyTaxScheme');
    b.leaf('cbc:CompanyID', companyId);
    b.start('cac:TaxScheme').leaf('cbc:ID', scheme).close();
    b.close();
  }

  private legalEntity(
    name: string | undefined,
    registration: Identifier | undefined,
    legalForm?: string,
  ): void {
    if (name === undefined && !registration && legalForm === undefined) return;
    const b = this.b;
    b.start('cac:PartyLegalEntity');
    b.leaf('cbc:RegistrationName', name);
    this.id('cbc:CompanyID', registration);
    b.leaf('cbc:CompanyLegalForm', legalForm);
    b.close();
  }

  private partyName(name: string | undefined): void {
    if (name === undefined) return;
    this.b.start('cac:PartyName').leaf('cbc:Name', name).close();
  }

  private parties(): void {
    const { b, inv } = this;
    const creditorId = inv.paymentInstructions?.directDebit?.creditorId;
    const sepa: Identifier | undefined =
      creditorId !== undefined ? { value: creditorId, scheme: 'SEPA' } : undefined;
    const sepaOnSeller = sepa && !inv.payee ? sepa : undefined;

    const s = inv.seller;
    if (s || sepaOnSeller) {
      b.start('cac:AccountingSupplierParty').start('cac:Party');
      this.id('cbc:EndpointID', s?.electronicAddress);
      this.partyIds([...(s?.identifiers ?? []), sepaOnSeller]);
      this.partyName(s?.tradingName);
      this.address('cac:PostalAddress', s?.address);
      this.taxScheme(s?.vatId, 'VAT');
      this.taxScheme(s?.taxRegistrationId, 'TAX');
      this.legalEntity(s?.name, s?.legalRegistration, s?.additionalLegalInfo);
      this.contact(s?.contact);
      b.close().close();
    }

    const c = inv.buyer;
    if (c) {
      b.start('cac:AccountingCustomerParty').start('cac:Party');
      this.id('cbc:EndpointID', c.electronicAddress);
      this.partyIds([c.identifier]);
      this.partyName(c.tradingName);
      this.address('cac:PostalAddress', c.address);
      this.taxScheme(c.vatId, 'VAT');
      this.legalEntity(c.name, c.legalRegistration);
      this.contact(c.contact);
      b.close().close();
    }

    const p = inv.payee;
    if (p) {
      b.start('cac:PayeeParty');
      this.partyIds([p.identifier, sepa]);
      this.partyName(p.name);
      this.legalEntity(undefined, p.legalRegistration);
      b.close();
    }

    const t = inv.taxRepresentative;
    if (t) {
      b.start('cac:TaxRepresentativeParty');
      this.partyName(t.name);
      this.address('cac:PostalAddress', t.address);
      this.taxScheme(t.vatId, 'VAT');
      b.close();
    }
  }

  private delivery(): void {
    const d = this.inv.delivery;
    if (!d) return;
    const b = this.b;
    b.start('cac:Delivery');
    b.leaf('cbc:ActualDeliveryDate', d.actualDate);
    if (d.locationId || d.address) {
      b.start('cac:DeliveryLocation');
      this.id('cbc:ID', d.locationId);
      this.address('cac:Address', d.address);
      b.close();
    }
    if (d.partyName !== undefined) {
      b.start('cac:DeliveryParty');
      this.partyName(d.partyName);
      b.close();
    }
    b.close();
  }

  /**
   * BG-16: one cac:PaymentMeans per credit transfer account (UBL holds one account per
   * PaymentMeans), each repeating the means code and remittance information; the card, the
   * mandate and, in a CreditNote, the due date (BT-9) go in the first one.
   */
  private payment(): void {
    const { b, inv } = this;
    const pi = inv.paymentInstructions;
    const creditDue = this.credit ? inv.dueDate : undefined;
    const hasMeans =
      pi !== undefined &&
      (pi.meansCode !== undefined ||
        pi.meansText !== undefined ||
        pi.remittanceInformation !== undefined ||
        pi.creditTransfers.length > 0 ||
        pi.card !== undefined ||
        (pi.directDebit !== undefined &&
          (pi.directDebit.mandateReference !== undefined ||
            pi.directDebit.debitedAccountId !== undefined)));
    if (!hasMeans && creditDue === undefined) return;
    const slots: MeansSlot[] = pi ? meansSlots(pi) : [{ code: undefined, ct: undefined }];
    for (let i = 0; i < slots.length; i++) {
      const slot = slots[i] as MeansSlot;
      b.start('cac:PaymentMeans');
      // BT-82 once only (UBL-SR-46 counts the @name over every PaymentMeans).
      b.leaf('cbc:PaymentMeansCode', slot.code, { name: i === 0 ? pi?.meansText : undefined });
      if (i === 0) b.leaf('cbc:PaymentDueDate', creditDue);
      b.leaf('cbc:PaymentID', pi?.remittanceInformation);
      if (i === 0 && pi?.card) {
        b.start('cac:CardAccount');
        b.leaf('cbc:PrimaryAccountNumberID', pi.card.primaryAccountNumber);
        // NetworkID is mandatory in UBL's CardAccount and has no EN 16931 term.
        b.leaf('cbc:NetworkID', 'NA');
        b.leaf('cbc:HolderName', pi.card.holderName);
        b.close();
      }
      const ct = slot.ct;
      if (ct) {
        b.start('cac:PayeeFinancialAccount');
        b.leaf('cbc:ID', ct.accountId);
        b.leaf('cbc:Name', ct.accountName);
        if (ct.serviceProviderId !== undefined)
          b.start('cac:FinancialInstitutionBranch').leaf('cbc:ID', ct.serviceProviderId).close();
        b.close();
      }
      const dd = pi?.directDebit;
      if (
        i === 0 &&
        dd &&
        (dd.mandateReference !== undefined || dd.debitedAccountId !== undefined)
      ) {
        b.start('cac:PaymentMandate');
        b.leaf('cbc:ID', dd.mandateReference);
        if (dd.debitedAccountId !== undefined)
          b.start('cac:PayerFinancialAccount').leaf('cbc:ID', dd.debitedAccountId).close();
        b.close();
      }
      b.close();
    }
  }

  private allowanceCharge(ac: AllowanceCharge, charge: boolean): void {
    const b = this.b;
    b.start('cac:AllowanceCharge');
    b.leaf('cbc:ChargeIndicator', charge ? 'true' : 'false');
    b.leaf('cbc:AllowanceChargeReasonCode', ac.reasonCode);
    b.leaf('cbc:AllowanceChargeReason', ac.reason);
    b.leaf('cbc:MultiplierFactorNumeric', ac.percentage);
    this.amount('cbc:Amount', ac.amount);
    this.amount('cbc:BaseAmount', ac.baseAmount);
    // Line level too: a model read from a source that had one keeps it (round trips).
    if (ac.vatCategoryCode !== undefined || ac.vatRate !== undefined) {
      const { vatCategoryCode: code, vatRate: rate, taxScheme } = ac;
      this.taxCategory('cac:TaxCategory', code, rate, undefined, undefined, taxScheme);
    }
    b.close();
  }

  private taxCategory(
    name: string,
    code: string | undefined,
    rate: string | undefined,
    exemptionCode?: string,
    exemptionReason?: string,
    scheme?: string | null,
  ): void {
    const b = this.b;
    b.start(name);
    b.leaf('cbc:ID', code);
    b.leaf('cbc:Percent', rate);
    b.leaf('cbc:TaxExemptionReasonCode', exemptionCode);
    b.leaf('cbc:TaxExemptionReason', exemptionReason);
    // VAT unless the model (read from CII) names another type; UBL wants a scheme, so a CII
    // tax without TypeCode gets VAT too.
    b.start('cac:TaxScheme')
      .leaf('cbc:ID', scheme ?? 'VAT')
      .close();
    b.close();
  }

  private taxTotals(): void {
    const { b, inv } = this;
    const t = inv.totals;
    if (t?.vatTotal !== undefined || inv.vatBreakdowns.length > 0) {
      b.start('cac:TaxTotal');
      // UBL requires the TaxAmount that EN 16931 (and CII) leave optional: without BT-110,
      // the sum of the BT-117 amounts is the only value BR-CO-14 accepts.
      this.amount(
        'cbc:TaxAmount',
        t?.vatTotal ?? sum(inv.vatBreakdowns.map((v) => v.taxAmount)).toFixed(),
      );
      for (const v of inv.vatBreakdowns) {
        b.start('cac:TaxSubtotal');
        this.amount('cbc:TaxableAmount', v.taxableAmount);
        this.amount('cbc:TaxAmount', v.taxAmount);
        this.taxCategory(
          'cac:TaxCategory',
          v.categoryCode,
          v.rate,
          v.exemptionReasonCode,
          v.exemptionReason,
          v.taxScheme,
        );
        b.close();
      }
      b.close();
    }
    if (t?.vatTotalInAccountingCurrency !== undefined) {
      b.start('cac:TaxTotal');
      b.leaf('cbc:TaxAmount', t.vatTotalInAccountingCurrency, {
        currencyID: inv.vatAccountingCurrencyCode,
      });
      b.close();
    }
  }

  private monetaryTotal(): void {
    const t = this.inv.totals;
    if (!t) return;
    this.b.group('cac:LegalMonetaryTotal', undefined, () => {
      this.amount('cbc:LineExtensionAmount', t.lineNetTotal);
      this.amount('cbc:TaxExclusiveAmount', t.taxExclusiveAmount);
      this.amount('cbc:TaxInclusiveAmount', t.taxInclusiveAmount);
      this.amount('cbc:AllowanceTotalAmount', t.allowanceTotal);
      this.amount('cbc:ChargeTotalAmount', t.chargeTotal);
      this.amount('cbc:PrepaidAmount', t.prepaidAmount);
      this.amount('cbc:PayableRoundingAmount', t.roundingAmount);
      this.amount('cbc:PayableAmount', t.payableAmount);
    });
  }

  private period(p: Period | undefined): void {
    if (!p) return;
    const b = this.b;
    b.start('cac:InvoicePeriod');
    b.leaf('cbc:StartDate', p.startDate);
    b.leaf('cbc:EndDate', p.endDate);
    b.close();
  }

  private line(line: InvoiceLine, name: string): void {
    const b = this.b;
    const credit = name === 'cac:CreditNoteLine' || name === 'cac:SubCreditNoteLine';
    b.start(name);
    b.leaf('cbc:ID', line.id);
    b.leaf('cbc:Note', line.note);
    b.leaf(credit ? 'cbc:CreditedQuantity' : 'cbc:InvoicedQuantity', line.quantity, {
      unitCode: line.unitCode,
    });
    this.amount('cbc:LineExtensionAmount', line.netAmount);
    b.leaf('cbc:AccountingCost', line.buyerAccountingRef);
    this.period(line.period);
    if (line.orderLineRef !== undefined)
      b.start('cac:OrderLineReference').leaf('cbc:LineID', line.orderLineRef).close();
    if (line.objectId) {
      b.start('cac:DocumentReference');
      this.id('cbc:ID', line.objectId);
      b.leaf('cbc:DocumentTypeCode', '130');
      b.close();
    }
    for (const a of line.allowances) this.allowanceCharge(a, false);
    for (const c of line.charges) this.allowanceCharge(c, true);
    const item = line.item;
    if (item || line.vatCategoryCode !== undefined || line.vatRate !== undefined) {
      b.start('cac:Item');
      b.leaf('cbc:Description', item?.description);
      b.leaf('cbc:Name', item?.name);
      if (item?.buyerId !== undefined)
        b.start('cac:BuyersItemIdentification').leaf('cbc:ID', item.buyerId).close();
      if (item?.sellerId !== undefined)
        b.start('cac:SellersItemIdentification').leaf('cbc:ID', item.sellerId).close();
      if (item?.standardId) {
        b.start('cac:StandardItemIdentification');
        this.id('cbc:ID', item.standardId);
        b.close();
      }
      if (item?.originCountry !== undefined)
        b.start('cac:OriginCountry').leaf('cbc:IdentificationCode', item.originCountry).close();
      for (const c of item?.classifications ?? []) {
        b.start('cac:CommodityClassification');
        b.leaf('cbc:ItemClassificationCode', c.value, {
          listID: c.scheme,
          listVersionID: c.schemeVersion,
        });
        b.close();
      }
      if (line.vatCategoryCode !== undefined || line.vatRate !== undefined)
        this.taxCategory(
          'cac:ClassifiedTaxCategory',
          line.vatCategoryCode,
          line.vatRate,
          undefined,
          undefined,
          line.taxScheme,
        );
      for (const a of item?.attributes ?? []) {
        b.start('cac:AdditionalItemProperty');
        b.leaf('cbc:Name', a.name);
        b.leaf('cbc:Value', a.value);
        b.close();
      }
      b.close();
    }
    const price = line.price;
    if (price) {
      b.start('cac:Price');
      this.amount('cbc:PriceAmount', price.netPrice);
      b.leaf('cbc:BaseQuantity', price.baseQuantity, { unitCode: price.baseQuantityUnitCode });
      if (price.discount !== undefined || price.grossPrice !== undefined) {
        b.start('cac:AllowanceCharge');
        b.leaf('cbc:ChargeIndicator', 'false');
        // UBL requires the Amount: without BT-147, the discount is gross minus net price.
        this.amount(
          'cbc:Amount',
          price.discount ?? priceDiscount(price.grossPrice, price.netPrice),
        );
        this.amount('cbc:BaseAmount', price.grossPrice);
        b.close();
      }
      b.close();
    }
    for (const sub of line.subLines ?? [])
      this.line(sub, credit ? 'cac:SubCreditNoteLine' : 'cac:SubInvoiceLine');
    b.close();
  }
}

/** One payment means element to write: its code (BT-81) and at most one account (BG-17). */
export interface MeansSlot {
  code: string | undefined;
  ct: CreditTransfer | undefined;
}

/**
 * The payment means elements to write (both syntaxes hold one account per element): the
 * means as read when they still hold exactly BG-17's accounts, else the default layout (one
 * per account, at least one, with BT-81); a means as read with several accounts is split.
 * The first always carries BT-81 itself.
 */
export function meansSlots(pi: PaymentInstructions): MeansSlot[] {
  let means = pi.means;
  if (means) {
    let k = 0;
    for (const m of means)
      for (const ct of m.creditTransfers) if (pi.creditTransfers[k++] !== ct) k = -Infinity;
    if (k !== pi.creditTransfers.length) means = undefined;
  }
  const slots: MeansSlot[] = [];
  for (const m of means ?? paymentMeansOf({ ...pi, means: undefined })) {
    if (m.creditTransfers.length === 0) slots.push({ code: m.code, ct: undefined });
    for (const ct of m.creditTransfers) slots.push({ code: m.code, ct });
  }
  (slots[0] as MeansSlot).code = pi.meansCode;
  return slots;
}
