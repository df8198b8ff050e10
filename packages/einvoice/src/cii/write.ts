/**
 * EN 16931 model → UN/CEFACT CII D16B CrossIndustryInvoice, following the EN 16931 CII syntax
 * binding, the mirror of cii/read.ts.
 *
 * Invariants:
 * - Elements are written in the order of the D16B schema; containers the schema requires
 *   (ExchangedDocumentContext, ExchangedDocument, the three header trade groups, each line's
 *   AssociatedDocumentLineDocument and SpecifiedLineTradeSettlement) are always written,
 *   optional ones only when they hold something.
 * - readCii(parse(writeCii(m))) gives back m's terms (see test/cii/roundtrip.test.ts); values
 *   are written exactly as held ('' as an empty element), never reformatted, except model
 *   dates 'YYYY-MM-DD', which become format 102 'YYYYMMDD', and UBL codes of BT-8.
 * - Only TaxTotalAmount carries a currencyID (CII-DT-031 forbids it on other amounts).
 *
 * What CII cannot carry as the model holds it (all written anyway, nothing is dropped, unless
 * said): several preceding invoices (D16B allows one InvoiceReferencedDocument); BT-147
 * without BT-148 (GrossPriceProductTradePrice needs a ChargeAmount); several BG-24 documents
 * with a description (CII-SR-475 warns); BT-6 equal to BT-5 (BR-53 in CII); BT-7/BT-8 with no
 * VAT breakdown to hang on (dropped); a BG-24 typeCode 50 or 130 (read back as BT-17/BT-18);
 * sub-lines (not written: flat CII lines would count in the line totals).
 */
import type {
  AllowanceCharge,
  Contact,
  Identifier,
  Invoice,
  InvoiceLine,
  Located,
  Period,
  PostalAddress,
} from '../model/types.js';
import { NS } from '../xml/ns.js';
import { XmlBuilder } from '../xml/write.js';
import { meansSlots, type MeansSlot } from '../ubl/write.js';

/** A trade tax TypeCode: 'VAT' by default, none when the source had none (null). */
function typeCode(scheme: string | null | undefined): string | undefined {
  return scheme === null ? undefined : (scheme ?? 'VAT');
}

/** 'YYYY-MM-DD' → 'YYYYMMDD'; any other text (a raw date the reader could not convert) as is. */
function to102(date: string): string {
  if (
    date.length === 10 &&
    date.charCodeAt(4) === 45 &&
    date.charCodeAt(7) === 45 &&
    /^\d{4}-\d{2}-\d{2}$/.test(date)
  )
    return date.slice(0, 4) + date.slice(5, 7) + date.slice(8, 10);
  return date;
}

/**
 * BT-8 codes: UBL uses UNTDID 2005 (3 invoice date, 35 delivery date, 432 payment date), CII
 * UNTDID 2475 (5, 29, 72) for the same meanings. A model read from UBL keeps the UBL code, so
 * it is translated here; any other value is written as is.
 */
const VAT_POINT_CODE_2005_TO_2475: Readonly<Record<string, string>> = {
  '3': '5',
  '35': '29',
  '432': '72',
};

function vatPointDateCode(code: string | undefined): string | undefined {
  if (code === undefined) return undefined;
  return VAT_POINT_CODE_2005_TO_2475[code.trim()] ?? code;
}

/**
 * A term the model types as a required string (BT-22, BT-25, BT-122, BT-160, BT-161) but a
 * reader may have found absent: readers then give '' and record no location for it. Writing
 * nothing in that case keeps "absent" distinct from "empty", which BR-54 tells apart.
 */
function required<T extends Located>(group: T, field: keyof T & string): string | undefined {
  const value = group[field] as string;
  if (value === '' && group.$src && !group.$at?.[field]) return undefined;
  return value;
}

/** Shape of an IBAN (country, check digits, up to 30 alphanumerics), to pick IBANID. */
const IBAN = /^[A-Z]{2}[0-9]{2}[A-Z0-9]{1,30}$/;

class CiiWriter {
  readonly b = new XmlBuilder('rsm:CrossIndustryInvoice', {
    rsm: NS.rsm,
    ram: NS.ram,
    qdt: NS.qdt,
    udt: NS.udt,
  });

  /** A date container with its format-102 string (udt:DateTimeString unless told otherwise). */
  date(container: string, value: string | undefined, inner = 'udt:DateTimeString'): void {
    if (value === undefined) return;
    this.b.start(container);
    this.b.leaf(inner, to102(value), { format: '102' });
    this.b.close();
  }

  /** ram:ID for an identifier without scheme, ram:GlobalID with one (BT-29, BT-46, BT-60, BT-71). */
  partyIds(ids: readonly (Identifier | undefined)[]): void {
    for (const id of ids) if (id && id.scheme === undefined) this.b.leaf('ram:ID', id.value);
    for (const id of ids)
      if (id && id.scheme !== undefined)
        this.b.leaf('ram:GlobalID', id.value, { schemeID: id.scheme });
  }

  legalOrganization(legal: Identifier | undefined, tradingName: string | undefined): void {
    this.b.group('ram:SpecifiedLegalOrganization', undefined, () => {
      if (legal) this.b.leaf('ram:ID', legal.value, { schemeID: legal.scheme });
      this.b.leaf('ram:TradingBusinessName', tradingName);
    });
  }

  contact(c: Contact | undefined): void {
    if (!c) return;
    // Written even when empty, so that a contact group (BG-6/BG-9) read as present stays so.
    this.b.start('ram:DefinedTradeContact');
    this.b.leaf('ram:PersonName', c.name);
    this.b.group('ram:TelephoneUniversalCommunication', undefined, () =>
      this.b.leaf('ram:CompleteNumber', c.phone),
    );
    this.b.group('ram:EmailURIUniversalCommunication', undefined, () =>
      this.b.leaf('ram:URIID', c.email),
    );
    this.b.close();
  }

  address(a: PostalAddress | undefined): void {
    if (!a) return;
    // PostalTradeAddress is written even when empty: its presence is BR-08/BR-10's test.
    this.b.start('ram:PostalTradeAddress');
    this.b.leaf('ram:PostcodeCode', a.postCode);
    this.b.leaf('ram:LineOne', a.line1);
    this.b.leaf('ram:LineTwo', a.line2);
    this.b.leaf('ram:LineThree', a.line3);
    this.b.leaf('ram:CityName', a.city);
    this.b.leaf('ram:CountryID', a.countryCode);
    this.b.leaf('ram:CountrySubDivisionName', a.countrySubdivision);
    this.b.close();
  }

  electronicAddress(e: Identifier | undefined): void {
    if (!e) return;
    this.b.start('ram:URIUniversalCommunication');
    this.b.leaf('ram:URIID', e.value, { schemeID: e.scheme });
    this.b.close();
  }

  taxRegistration(id: string | undefined, scheme: 'VA' | 'FC'): void {
    if (id === undefined) return;
    this.b.start('ram:SpecifiedTaxRegistration');
    this.b.leaf('ram:ID', id, { schemeID: scheme });
    this.b.close();
  }

  period(p: Period | undefined): void {
    if (!p) return;
    this.b.start('ram:BillingSpecifiedPeriod');
    this.date('ram:StartDateTime', p.startDate);
    this.date('ram:EndDateTime', p.endDate);
    this.b.close();
  }

  allowanceCharge(ac: AllowanceCharge, isCharge: boolean): void {
    const b = this.b;
    b.start('ram:SpecifiedTradeAllowanceCharge');
    b.start('ram:ChargeIndicator');
    b.leaf('udt:Indicator', isCharge ? 'true' : 'false');
    b.close();
    b.leaf('ram:CalculationPercent', ac.percentage);
    b.leaf('ram:BasisAmount', ac.baseAmount);
    b.leaf('ram:ActualAmount', ac.amount);
    b.leaf('ram:ReasonCode', ac.reasonCode);
    b.leaf('ram:Reason', ac.reason);
    // Line level too: a model read from a source that had one keeps it (round trips).
    if (ac.vatCategoryCode !== undefined || ac.vatRate !== undefined) {
      b.start('ram:CategoryTradeTax');
      b.leaf('ram:TypeCode', typeCode(ac.taxScheme));
      b.leaf('ram:CategoryCode', ac.vatCategoryCode);
      b.leaf('ram:RateApplicablePercent', ac.vatRate);
      b.close();
    }
    b.close();
  }

  line(l: InvoiceLine): void {
    const b = this.b;
    b.start('ram:IncludedSupplyChainTradeLineItem');
    b.start('ram:AssociatedDocumentLineDocument');
    b.leaf('ram:LineID', l.id);
    b.group('ram:IncludedNote', undefined, () => b.leaf('ram:Content', l.note));
    b.close();

    const it = l.item;
    if (it) {
      b.start('ram:SpecifiedTradeProduct');
      if (it.standardId)
        b.leaf('ram:GlobalID', it.standardId.value, { schemeID: it.standardId.scheme });
      b.leaf('ram:SellerAssignedID', it.sellerId);
      b.leaf('ram:BuyerAssignedID', it.buyerId);
      b.leaf('ram:Name', it.name);
      b.leaf('ram:Description', it.description);
      for (const a of it.attributes) {
        b.start('ram:ApplicableProductCharacteristic');
        b.leaf('ram:Description', required(a, 'name'));
        b.leaf('ram:Value', required(a, 'value'));
        b.close();
      }
      for (const c of it.classifications) {
        b.start('ram:DesignatedProductClassification');
        b.leaf('ram:ClassCode', c.value, { listID: c.scheme, listVersionID: c.schemeVersion });
        b.close();
      }
      b.group('ram:OriginTradeCountry', undefined, () => b.leaf('ram:ID', it.originCountry));
      b.close();
    }

    b.group('ram:SpecifiedLineTradeAgreement', undefined, () => {
      b.group('ram:BuyerOrderReferencedDocument', undefined, () =>
        b.leaf('ram:LineID', l.orderLineRef),
      );
      const p = l.price;
      if (!p) return;
      // BT-149/150 go with the net price; the gross price only carries BT-148 and BT-147.
      const basis = p.baseQuantity;
      const basisAttrs = { unitCode: p.baseQuantityUnitCode };
      if (p.grossPrice !== undefined || p.discount !== undefined) {
        b.start('ram:GrossPriceProductTradePrice');
        b.leaf('ram:ChargeAmount', p.grossPrice);
        if (p.discount !== undefined) {
          b.start('ram:AppliedTradeAllowanceCharge');
          b.start('ram:ChargeIndicator');
          b.leaf('udt:Indicator', 'false');
          b.close();
          b.leaf('ram:ActualAmount', p.discount);
          b.close();
        }
        b.close();
      }
      if (p.netPrice !== undefined || basis !== undefined) {
        b.start('ram:NetPriceProductTradePrice');
        b.leaf('ram:ChargeAmount', p.netPrice);
        b.leaf('ram:BasisQuantity', basis, basisAttrs);
        b.close();
      }
    });

    b.group('ram:SpecifiedLineTradeDelivery', undefined, () =>
      b.leaf('ram:BilledQuantity', l.quantity, { unitCode: l.unitCode }),
    );

    b.start('ram:SpecifiedLineTradeSettlement');
    if (l.vatCategoryCode !== undefined || l.vatRate !== undefined) {
      b.start('ram:ApplicableTradeTax');
      b.leaf('ram:TypeCode', typeCode(l.taxScheme));
      b.leaf('ram:CategoryCode', l.vatCategoryCode);
      b.leaf('ram:RateApplicablePercent', l.vatRate);
      b.close();
    }
    this.period(l.period);
    for (const a of l.allowances) this.allowanceCharge(a, false);
    for (const c of l.charges) this.allowanceCharge(c, true);
    b.group('ram:SpecifiedTradeSettlementLineMonetarySummation', undefined, () =>
      b.leaf('ram:LineTotalAmount', l.netAmount),
    );
    if (l.objectId) {
      b.start('ram:AdditionalReferencedDocument');
      b.leaf('ram:IssuerAssignedID', l.objectId.value);
      b.leaf('ram:TypeCode', '130');
      b.leaf('ram:ReferenceTypeCode', l.objectId.scheme);
      b.close();
    }
    b.group('ram:ReceivableSpecifiedTradeAccountingAccount', undefined, () =>
      b.leaf('ram:ID', l.buyerAccountingRef),
    );
    b.close();
    b.close();
  }

  agreement(inv: Invoice): void {
    const b = this.b;
    b.start('ram:ApplicableHeaderTradeAgreement');
    b.leaf('ram:BuyerReference', inv.buyerReference);
    const s = inv.seller;
    // SellerTradeParty and BuyerTradeParty are required by the schema: written even if empty.
    b.start('ram:SellerTradeParty');
    if (s) {
      this.partyIds(s.identifiers);
      b.leaf('ram:Name', s.name);
      b.leaf('ram:Description', s.additionalLegalInfo);
      this.legalOrganization(s.legalRegistration, s.tradingName);
      this.contact(s.contact);
      this.address(s.address);
      this.electronicAddress(s.electronicAddress);
      this.taxRegistration(s.vatId, 'VA');
      this.taxRegistration(s.taxRegistrationId, 'FC');
    }
    b.close();
    const by = inv.buyer;
    b.start('ram:BuyerTradeParty');
    if (by) {
      this.partyIds([by.identifier]);
      b.leaf('ram:Name', by.name);
      this.legalOrganization(by.legalRegistration, by.tradingName);
      this.contact(by.contact);
      this.address(by.address);
      this.electronicAddress(by.electronicAddress);
      this.taxRegistration(by.vatId, 'VA');
    }
    b.close();
    const rep = inv.taxRepresentative;
    if (rep) {
      b.start('ram:SellerTaxRepresentativeTradeParty');
      b.leaf('ram:Name', rep.name);
      this.address(rep.address);
      this.taxRegistration(rep.vatId, 'VA');
      b.close();
    }
    b.group('ram:SellerOrderReferencedDocument', undefined, () =>
      b.leaf('ram:IssuerAssignedID', inv.salesOrderReference),
    );
    b.group('ram:BuyerOrderReferencedDocument', undefined, () =>
      b.leaf('ram:IssuerAssignedID', inv.purchaseOrderReference),
    );
    b.group('ram:ContractReferencedDocument', undefined, () =>
      b.leaf('ram:IssuerAssignedID', inv.contractReference),
    );
    // BG-24 documents carry their own TypeCode. One without gets none, unless it has a
    // description, URI or attachment, which CII allows only on type 916. BT-17 and BT-18
    // are written as documents of type 50 and 130 unless BG-24 already holds that very one,
    // as it does for an invoice read from CII.
    let tenderWritten = inv.tenderOrLotReference === undefined;
    let objectWritten = inv.invoicedObjectId === undefined;
    for (const d of inv.additionalDocuments) {
      const type =
        d.typeCode ??
        (d.description !== undefined || d.externalUri !== undefined || d.attachment
          ? '916'
          : undefined);
      const t = type?.trim();
      if (!tenderWritten && t === '50' && d.id === inv.tenderOrLotReference) tenderWritten = true;
      if (!objectWritten && t === '130' && d.id === inv.invoicedObjectId?.value)
        objectWritten = true;
      b.start('ram:AdditionalReferencedDocument');
      b.leaf('ram:IssuerAssignedID', required(d, 'id'));
      b.leaf('ram:URIID', d.externalUri);
      b.leaf('ram:TypeCode', type);
      b.leaf('ram:Name', d.description);
      if (d.attachment)
        b.leaf('ram:AttachmentBinaryObject', d.attachment.content, {
          mimeCode: d.attachment.mimeCode,
          filename: d.attachment.filename,
        });
      if (t === '130' && d.id === inv.invoicedObjectId?.value)
        b.leaf('ram:ReferenceTypeCode', inv.invoicedObjectId.scheme);
      b.close();
    }
    if (!tenderWritten) {
      b.start('ram:AdditionalReferencedDocument');
      b.leaf('ram:IssuerAssignedID', inv.tenderOrLotReference);
      b.leaf('ram:TypeCode', '50');
      b.close();
    }
    if (!objectWritten && inv.invoicedObjectId) {
      b.start('ram:AdditionalReferencedDocument');
      b.leaf('ram:IssuerAssignedID', inv.invoicedObjectId.value);
      b.leaf('ram:TypeCode', '130');
      b.leaf('ram:ReferenceTypeCode', inv.invoicedObjectId.scheme);
      b.close();
    }
    if (inv.projectReference !== undefined) {
      // The schema requires a project Name, which EN 16931 has no term for.
      b.start('ram:SpecifiedProcuringProject');
      b.leaf('ram:ID', inv.projectReference);
      b.leaf('ram:Name', 'Project reference');
      b.close();
    }
    b.close();
  }

  delivery(inv: Invoice): void {
    const b = this.b;
    const d = inv.delivery;
    b.start('ram:ApplicableHeaderTradeDelivery');
    if (d) {
      if (d.partyName !== undefined || d.locationId || d.address) {
        b.start('ram:ShipToTradeParty');
        this.partyIds([d.locationId]);
        b.leaf('ram:Name', d.partyName);
        this.address(d.address);
        b.close();
      }
      if (d.actualDate !== undefined) {
        b.start('ram:ActualDeliverySupplyChainEvent');
        this.date('ram:OccurrenceDateTime', d.actualDate);
        b.close();
      }
    }
    b.group('ram:DespatchAdviceReferencedDocument', undefined, () =>
      b.leaf('ram:IssuerAssignedID', inv.despatchAdviceReference),
    );
    b.group('ram:ReceivingAdviceReferencedDocument', undefined, () =>
      b.leaf('ram:IssuerAssignedID', inv.receivingAdviceReference),
    );
    b.close();
  }

  paymentMeans(inv: Invoice): void {
    const b = this.b;
    const pi = inv.paymentInstructions;
    if (!pi) return;
    const dd = pi.directDebit;
    const hasMeans =
      pi.meansCode !== undefined ||
      pi.meansText !== undefined ||
      pi.creditTransfers.length > 0 ||
      pi.card !== undefined ||
      dd?.debitedAccountId !== undefined;
    if (!hasMeans) return;
    // One creditor account per payment means: the means as read, else one per credit
    // transfer, each repeating BT-82; the card and debited account go with the first.
    const slots = meansSlots(pi);
    for (let i = 0; i < slots.length; i++) {
      const { code, ct } = slots[i] as MeansSlot;
      b.start('ram:SpecifiedTradeSettlementPaymentMeans');
      b.leaf('ram:TypeCode', code);
      b.leaf('ram:Information', pi.meansText);
      if (i === 0 && pi.card) {
        const card = pi.card;
        b.group('ram:ApplicableTradeSettlementFinancialCard', undefined, () => {
          b.leaf('ram:ID', card.primaryAccountNumber);
          b.leaf('ram:CardholderName', card.holderName);
        });
      }
      if (i === 0 && dd?.debitedAccountId !== undefined) {
        b.start('ram:PayerPartyDebtorFinancialAccount');
        b.leaf('ram:IBANID', dd.debitedAccountId);
        b.close();
      }
      if (ct) {
        b.start('ram:PayeePartyCreditorFinancialAccount');
        const acc = ct.accountId;
        const iban = acc !== undefined && IBAN.test(acc);
        if (iban) b.leaf('ram:IBANID', acc);
        b.leaf('ram:AccountName', ct.accountName);
        if (!iban) b.leaf('ram:ProprietaryID', acc);
        b.close();
        b.group('ram:PayeeSpecifiedCreditorFinancialInstitution', undefined, () =>
          b.leaf('ram:BICID', ct.serviceProviderId),
        );
      }
      b.close();
    }
  }

  settlement(inv: Invoice): void {
    const b = this.b;
    const pi = inv.paymentInstructions;
    b.start('ram:ApplicableHeaderTradeSettlement');
    b.leaf('ram:CreditorReferenceID', pi?.directDebit?.creditorId);
    b.leaf('ram:PaymentReference', pi?.remittanceInformation);
    b.leaf('ram:TaxCurrencyCode', inv.vatAccountingCurrencyCode);
    b.leaf('ram:InvoiceCurrencyCode', inv.currencyCode);
    const payee = inv.payee;
    if (payee) {
      b.start('ram:PayeeTradeParty');
      this.partyIds([payee.identifier]);
      b.leaf('ram:Name', payee.name);
      this.legalOrganization(payee.legalRegistration, undefined);
      b.close();
    }
    this.paymentMeans(inv);
    // BT-7 and BT-8 are written once, on the first breakdown (CII-SR-461 allows one
    // TaxPointDate); with no breakdown at all they have no place in CII.
    let first = true;
    for (const v of inv.vatBreakdowns) {
      b.start('ram:ApplicableTradeTax');
      b.leaf('ram:CalculatedAmount', v.taxAmount);
      b.leaf('ram:TypeCode', typeCode(v.taxScheme));
      b.leaf('ram:ExemptionReason', v.exemptionReason);
      b.leaf('ram:BasisAmount', v.taxableAmount);
      b.leaf('ram:CategoryCode', v.categoryCode);
      b.leaf('ram:ExemptionReasonCode', v.exemptionReasonCode);
      if (first) {
        this.date('ram:TaxPointDate', inv.taxPointDate, 'udt:DateString');
        b.leaf('ram:DueDateTypeCode', vatPointDateCode(inv.vatPointDateCode));
      }
      b.leaf('ram:RateApplicablePercent', v.rate);
      b.close();
      first = false;
    }
    this.period(inv.invoicingPeriod);
    for (const a of inv.allowances) this.allowanceCharge(a, false);
    for (const c of inv.charges) this.allowanceCharge(c, true);
    const mandate = pi?.directDebit?.mandateReference;
    if (inv.paymentTerms !== undefined || inv.dueDate !== undefined || mandate !== undefined) {
      b.start('ram:SpecifiedTradePaymentTerms');
      b.leaf('ram:Description', inv.paymentTerms);
      this.date('ram:DueDateDateTime', inv.dueDate);
      b.leaf('ram:DirectDebitMandateID', mandate);
      b.close();
    }
    const t = inv.totals;
    if (t) {
      b.start('ram:SpecifiedTradeSettlementHeaderMonetarySummation');
      b.leaf('ram:LineTotalAmount', t.lineNetTotal);
      b.leaf('ram:ChargeTotalAmount', t.chargeTotal);
      b.leaf('ram:AllowanceTotalAmount', t.allowanceTotal);
      b.leaf('ram:TaxBasisTotalAmount', t.taxExclusiveAmount);
      b.leaf('ram:TaxTotalAmount', t.vatTotal, { currencyID: inv.currencyCode });
      b.leaf('ram:TaxTotalAmount', t.vatTotalInAccountingCurrency, {
        currencyID: inv.vatAccountingCurrencyCode,
      });
      b.leaf('ram:RoundingAmount', t.roundingAmount);
      b.leaf('ram:GrandTotalAmount', t.taxInclusiveAmount);
      b.leaf('ram:TotalPrepaidAmount', t.prepaidAmount);
      b.leaf('ram:DuePayableAmount', t.payableAmount);
      b.close();
    }
    // D16B allows one InvoiceReferencedDocument; EN 16931 allows several preceding invoices.
    // All are written so none is lost, at the cost of schema validity when there are more.
    for (const p of inv.precedingInvoices) {
      b.start('ram:InvoiceReferencedDocument');
      b.leaf('ram:IssuerAssignedID', required(p, 'id'));
      this.date('ram:FormattedIssueDateTime', p.issueDate, 'qdt:DateTimeString');
      b.close();
    }
    b.group('ram:ReceivableSpecifiedTradeAccountingAccount', undefined, () =>
      b.leaf('ram:ID', inv.buyerAccountingReference),
    );
    b.close();
  }

  document(inv: Invoice): string {
    const b = this.b;
    b.start('rsm:ExchangedDocumentContext');
    b.group('ram:BusinessProcessSpecifiedDocumentContextParameter', undefined, () =>
      b.leaf('ram:ID', inv.businessProcessType),
    );
    b.group('ram:GuidelineSpecifiedDocumentContextParameter', undefined, () =>
      b.leaf('ram:ID', inv.specificationId),
    );
    b.close();

    b.start('rsm:ExchangedDocument');
    b.leaf('ram:ID', inv.id);
    b.leaf('ram:TypeCode', inv.typeCode);
    this.date('ram:IssueDateTime', inv.issueDate);
    for (const n of inv.notes) {
      b.start('ram:IncludedNote');
      b.leaf('ram:Content', required(n, 'text'));
      b.leaf('ram:SubjectCode', n.subjectCode);
      b.close();
    }
    b.close();

    b.start('rsm:SupplyChainTradeTransaction');
    for (const l of inv.lines) this.line(l);
    this.agreement(inv);
    this.delivery(inv);
    this.settlement(inv);
    b.close();
    return b.finish();
  }
}

/** Model → CII D16B CrossIndustryInvoice (UTF-8 XML text). */
export function writeCii(invoice: Invoice): string {
  return new CiiWriter().document(invoice);
}
