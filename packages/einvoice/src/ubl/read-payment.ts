/**
 * BG-16 payment instructions of a UBL invoice, gathered from every cac:PaymentMeans and the
 * SEPA creditor identifier (BT-90) found among the party identifiers.
 */
import type {
  DirectDebit,
  PaymentCard,
  PaymentInstructions,
  PaymentMeans,
} from '../model/types.js';
import { isDefaultMeansLayout } from '../model/types.js';
import {
  attrText,
  blankCreditTransfer,
  blankDirectDebit,
  blankPaymentCard,
  blankPaymentInstructions,
  blankPaymentMeans,
  text,
  type Read,
} from '../model/blank.js';
import { child } from '../xml/query.js';
import type { XmlElement } from '../xml/types.js';
import { CAC, CBC, find } from './read-common.js';

/** BG-16 from every cac:PaymentMeans (credit transfers may repeat, one per PaymentMeans). */
export function readPayment(
  means: XmlElement[],
  sepa: XmlElement | undefined,
): PaymentInstructions {
  const first = means[0];
  const pi = blankPaymentInstructions(first);
  if (first) {
    const code = child(first, CBC, 'PaymentMeansCode');
    pi.meansCode = text(pi.$at, 'meansCode', code);
    pi.meansText = attrText(pi.$at, 'meansText', code, 'name');
  }
  let card: Read<PaymentCard> | undefined;
  let debit: Read<DirectDebit> | undefined;
  const entries: PaymentMeans[] = [];
  for (const m of means) {
    pi.remittanceInformation ??= text(pi.$at, 'remittanceInformation', child(m, CBC, 'PaymentID'));
    const entry = blankPaymentMeans(m);
    entry.code = text(entry.$at, 'code', child(m, CBC, 'PaymentMeansCode'));
    entries.push(entry);
    for (const c of m.children) {
      if (c.ns !== CAC) continue;
      if (c.local === 'PayeeFinancialAccount') {
        const ct = blankCreditTransfer(c);
        ct.accountId = text(ct.$at, 'accountId', child(c, CBC, 'ID'));
        ct.accountName = text(ct.$at, 'accountName', child(c, CBC, 'Name'));
        ct.serviceProviderId = text(
          ct.$at,
          'serviceProviderId',
          find(c, [CAC, 'FinancialInstitutionBranch'], [CBC, 'ID']),
        );
        pi.creditTransfers.push(ct);
        entry.creditTransfers.push(ct);
      } else if (c.local === 'CardAccount' && !card) {
        card = blankPaymentCard(c);
        card.primaryAccountNumber = text(
          card.$at,
          'primaryAccountNumber',
          child(c, CBC, 'PrimaryAccountNumberID'),
        );
        card.holderName = text(card.$at, 'holderName', child(c, CBC, 'HolderName'));
      } else if (c.local === 'PaymentMandate' && !debit) {
        debit = blankDirectDebit(c);
        debit.mandateReference = text(debit.$at, 'mandateReference', child(c, CBC, 'ID'));
        debit.debitedAccountId = text(
          debit.$at,
          'debitedAccountId',
          find(c, [CAC, 'PayerFinancialAccount'], [CBC, 'ID']),
        );
      }
    }
  }
  if (sepa) {
    debit ??= blankDirectDebit(sepa);
    debit.creditorId = text(debit.$at, 'creditorId', sepa);
  }
  if (card) pi.card = card;
  if (debit) pi.directDebit = debit;
  // Kept only when it says more than BG-16 does (see PaymentInstructions.means).
  if (entries.length > 0 && !isDefaultMeansLayout(pi, entries)) pi.means = entries;
  return pi;
}
