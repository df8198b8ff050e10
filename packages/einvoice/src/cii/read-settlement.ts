/**
 * ram:ApplicableHeaderTradeSettlement of a CII invoice: currencies, payee, BG-16 payment
 * instructions, BG-23 VAT breakdown, BG-14 period, document allowances and charges, payment
 * terms, BG-22 totals, BG-3 preceding invoices.
 */
import type { DirectDebit, Invoice, PaymentMeans, VatBreakdown } from '../model/types.js';
import { isDefaultMeansLayout } from '../model/types.js';
import {
  blankCreditTransfer,
  blankDirectDebit,
  blankPaymentCard,
  blankPaymentInstructions,
  blankPaymentMeans,
  blankPrecedingInvoice,
  blankTotals,
  blankVatBreakdown,
  text,
  type Read,
} from '../model/blank.js';
import { attr } from '../xml/query.js';
import type { XmlElement } from '../xml/types.js';
import {
  allowancesCharges,
  dateText,
  period,
  putTypeCode,
  ram,
  rams,
  type El,
} from './read-common.js';
import { payee } from './read-parties.js';

/**
 * BG-16 from every SpecifiedTradeSettlementPaymentMeans: code and text from the first, a
 * credit transfer (BG-17) per creditor account, card and debited account from the first
 * that has one. BT-89 (mandate) comes from the payment terms and BT-90 from the settlement.
 * Each means with its own code and accounts goes to `means` unless they follow the default
 * layout (see PaymentInstructions.means).
 */
function paymentInstructions(inv: Read<Invoice>, settlement: El): void {
  const meansEls = rams(settlement, 'SpecifiedTradeSettlementPaymentMeans');
  const creditorId = ram(settlement, 'CreditorReferenceID');
  const reference = ram(settlement, 'PaymentReference');
  let mandate: El;
  for (const terms of rams(settlement, 'SpecifiedTradePaymentTerms')) {
    mandate = ram(terms, 'DirectDebitMandateID');
    if (mandate) break;
  }
  if (meansEls.length === 0 && !creditorId && !reference && !mandate) return;
  const first = meansEls[0];
  const pi = blankPaymentInstructions(first ?? settlement);
  pi.meansCode = text(pi.$at, 'meansCode', ram(first, 'TypeCode'));
  pi.meansText = text(pi.$at, 'meansText', ram(first, 'Information'));
  pi.remittanceInformation = text(pi.$at, 'remittanceInformation', reference);
  const entries: PaymentMeans[] = [];
  let debit: Read<DirectDebit> | undefined;
  for (const means of meansEls) {
    const entry = blankPaymentMeans(means);
    entry.code = text(entry.$at, 'code', ram(means, 'TypeCode'));
    entries.push(entry);
    const bic = ram(ram(means, 'PayeeSpecifiedCreditorFinancialInstitution'), 'BICID');
    for (const acc of rams(means, 'PayeePartyCreditorFinancialAccount')) {
      const ct = blankCreditTransfer(acc);
      // BT-84 is the IBAN or, failing a non-blank one, the proprietary id (BR-50 accepts either).
      const iban = ram(acc, 'IBANID');
      const prop = ram(acc, 'ProprietaryID');
      ct.accountId = text(
        ct.$at,
        'accountId',
        iban && (iban.text.trim() !== '' || !prop) ? iban : prop,
      );
      ct.accountName = text(ct.$at, 'accountName', ram(acc, 'AccountName'));
      ct.serviceProviderId = text(ct.$at, 'serviceProviderId', bic);
      pi.creditTransfers.push(ct);
      entry.creditTransfers.push(ct);
    }
    const cardEl = ram(means, 'ApplicableTradeSettlementFinancialCard');
    if (cardEl && !pi.card) {
      const card = blankPaymentCard(cardEl);
      card.primaryAccountNumber = text(card.$at, 'primaryAccountNumber', ram(cardEl, 'ID'));
      card.holderName = text(card.$at, 'holderName', ram(cardEl, 'CardholderName'));
      pi.card = card;
    }
    const debtor = ram(means, 'PayerPartyDebtorFinancialAccount');
    if (debtor && !debit) {
      debit = blankDirectDebit(debtor);
      debit.debitedAccountId = text(debit.$at, 'debitedAccountId', ram(debtor, 'IBANID'));
    }
  }
  if (mandate || creditorId) {
    debit ??= blankDirectDebit((mandate ?? creditorId)!);
    debit.mandateReference = text(debit.$at, 'mandateReference', mandate);
    debit.creditorId = text(debit.$at, 'creditorId', creditorId);
  }
  if (debit) pi.directDebit = debit;
  // Kept only when it says more than BG-16 does (see PaymentInstructions.means).
  if (entries.length > 0 && !isDefaultMeansLayout(pi, entries)) pi.means = entries;
  inv.paymentInstructions = pi;
}

export function vatBreakdown(el: XmlElement): VatBreakdown {
  const v = blankVatBreakdown(el);
  v.taxAmount = text(v.$at, 'taxAmount', ram(el, 'CalculatedAmount'));
  v.exemptionReason = text(v.$at, 'exemptionReason', ram(el, 'ExemptionReason'));
  v.taxableAmount = text(v.$at, 'taxableAmount', ram(el, 'BasisAmount'));
  v.categoryCode = text(v.$at, 'categoryCode', ram(el, 'CategoryCode'));
  v.exemptionReasonCode = text(v.$at, 'exemptionReasonCode', ram(el, 'ExemptionReasonCode'));
  v.rate = text(v.$at, 'rate', ram(el, 'RateApplicablePercent'));
  if (el) putTypeCode(v, el);
  return v;
}

function totals(inv: Read<Invoice>, el: El): void {
  if (!el) return;
  const t = blankTotals(el);
  t.lineNetTotal = text(t.$at, 'lineNetTotal', ram(el, 'LineTotalAmount'));
  t.chargeTotal = text(t.$at, 'chargeTotal', ram(el, 'ChargeTotalAmount'));
  t.allowanceTotal = text(t.$at, 'allowanceTotal', ram(el, 'AllowanceTotalAmount'));
  t.taxExclusiveAmount = text(t.$at, 'taxExclusiveAmount', ram(el, 'TaxBasisTotalAmount'));
  // BT-110 and BT-111 are told apart by currencyID, as the official rules do: the amount in
  // the invoice currency, and the amount in the VAT accounting currency. One without
  // currencyID is neither.
  const invoiceCurrency = inv.currencyCode;
  const taxCurrency = inv.vatAccountingCurrencyCode;
  for (const amount of rams(el, 'TaxTotalAmount')) {
    const cur = attr(amount, 'currencyID');
    if (cur === undefined) continue;
    if (cur === invoiceCurrency && t.vatTotal === undefined)
      t.vatTotal = text(t.$at, 'vatTotal', amount);
    else if (cur === taxCurrency && t.vatTotalInAccountingCurrency === undefined)
      t.vatTotalInAccountingCurrency = text(t.$at, 'vatTotalInAccountingCurrency', amount);
  }
  t.roundingAmount = text(t.$at, 'roundingAmount', ram(el, 'RoundingAmount'));
  t.taxInclusiveAmount = text(t.$at, 'taxInclusiveAmount', ram(el, 'GrandTotalAmount'));
  t.prepaidAmount = text(t.$at, 'prepaidAmount', ram(el, 'TotalPrepaidAmount'));
  t.payableAmount = text(t.$at, 'payableAmount', ram(el, 'DuePayableAmount'));
  inv.totals = t;
}

export function settlementTerms(inv: Read<Invoice>, settlement: El): void {
  inv.vatAccountingCurrencyCode = text(
    inv.$at,
    'vatAccountingCurrencyCode',
    ram(settlement, 'TaxCurrencyCode'),
  );
  inv.currencyCode = text(inv.$at, 'currencyCode', ram(settlement, 'InvoiceCurrencyCode'));
  const p = payee(ram(settlement, 'PayeeTradeParty'));
  if (p) inv.payee = p;
  paymentInstructions(inv, settlement);
  for (const tax of rams(settlement, 'ApplicableTradeTax')) {
    inv.vatBreakdowns.push(vatBreakdown(tax));
    if (inv.taxPointDate === undefined)
      inv.taxPointDate = dateText(inv.$at, 'taxPointDate', ram(tax, 'TaxPointDate'));
    if (inv.vatPointDateCode === undefined)
      inv.vatPointDateCode = text(inv.$at, 'vatPointDateCode', ram(tax, 'DueDateTypeCode'));
  }
  const per = period(ram(settlement, 'BillingSpecifiedPeriod'));
  if (per) inv.invoicingPeriod = per;
  allowancesCharges(settlement, inv.allowances, inv.charges);
  for (const terms of rams(settlement, 'SpecifiedTradePaymentTerms')) {
    if (inv.paymentTerms === undefined)
      inv.paymentTerms = text(inv.$at, 'paymentTerms', ram(terms, 'Description'));
    if (inv.dueDate === undefined)
      inv.dueDate = dateText(inv.$at, 'dueDate', ram(terms, 'DueDateDateTime'));
  }
  totals(inv, ram(settlement, 'SpecifiedTradeSettlementHeaderMonetarySummation'));
  for (const ref of rams(settlement, 'InvoiceReferencedDocument')) {
    const pre = blankPrecedingInvoice(ref);
    pre.id = text(pre.$at, 'id', ram(ref, 'IssuerAssignedID')) ?? '';
    pre.issueDate = dateText(pre.$at, 'issueDate', ram(ref, 'FormattedIssueDateTime'));
    inv.precedingInvoices.push(pre);
  }
  inv.buyerAccountingReference = text(
    inv.$at,
    'buyerAccountingReference',
    ram(ram(settlement, 'ReceivableSpecifiedTradeAccountingAccount'), 'ID'),
  );
}
