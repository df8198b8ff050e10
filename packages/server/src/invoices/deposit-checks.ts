/**
 * Routing and the B2G checks of a deposit: who sends (BT-29/BT-30), to whom (BT-46/BT-47),
 * which service (BT-10), which commitment (BT-13), and whether the directory lets it through.
 * Every refusal is a DepositRefusal carrying a stable RefusalCode and a French and an English
 * message; the HTTP layer shows both.
 */
import type { Kysely } from 'kysely';
import type { Identifier, Invoice } from '@chorale/einvoice';
import type { Principal } from '../accounts/model.js';
import type { DB } from '../db/schema.js';
import { AppError, type ErrorCode, type ErrorItem } from '../lib/errors.js';
import {
  acceptedBillingFrameworks,
  billingFrameworks,
  type BillingFramework,
  type InvoiceType,
  type RefusalCode,
} from './model.js';

/** The HTTP status family of each refusal: a missing right is 403, a duplicate 409. */
const refusalError: Partial<Record<RefusalCode, ErrorCode>> = {
  DROIT_MANQUANT: 'FORBIDDEN',
  DOUBLON: 'CONFLICT',
};

/**
 * A deposit refused for a business reason. `details[0]` is always `{pointer: 'refusal',
 * message: <code>}` so the code survives any error handler; the deposit route also adds a
 * `refusal` member ({code, message: {fr, en}}) to the problem document.
 */
export class DepositRefusal extends AppError {
  readonly refusal: RefusalCode;
  readonly messages: { fr: string; en: string };

  constructor(code: RefusalCode, fr: string, en: string, details: ErrorItem[] = []) {
    super(refusalError[code] ?? 'VALIDATION_FAILED', `${code}: ${en}`, {
      details: [{ pointer: 'refusal', message: code }, ...details],
    });
    this.refusal = code;
    this.messages = { fr, en };
  }
}

export function refuse(
  code: RefusalCode,
  fr: string,
  en: string,
  details?: ErrorItem[],
): DepositRefusal {
  return new DepositRefusal(code, fr, en, details);
}

/** What routing reads from the model (for a keyed deposit, keyed-invoice put it there). */
export interface Routing {
  number: string;
  issueDate: string;
  typeCode: string;
  currency: string;
  supplier: { siret?: string; siren?: string };
  recipient: { siret?: string; siren?: string };
  serviceCode: string | null;
  commitmentNumber: string | null;
}

/** A SIRET (0009) or SIREN (0002) out of an identifier, by scheme or, without one, by length. */
function frenchId(id: Identifier | undefined): { siret?: string; siren?: string } {
  if (!id) return {};
  const value = id.value.replace(/\s/g, '');
  if ((id.scheme === '0009' || id.scheme === undefined) && /^\d{14}$/.test(value)) {
    return { siret: value };
  }
  if ((id.scheme === '0002' || id.scheme === undefined) && /^\d{9}$/.test(value)) {
    return { siren: value };
  }
  return {};
}

const trimmed = (s: string | undefined): string | null => {
  const t = s?.trim();
  return t ? t : null;
};

export function routingOf(model: Invoice): Routing {
  const number = trimmed(model.id);
  const issueDate = trimmed(model.issueDate);
  // A real calendar date (the database would refuse 2026-02-30 with an internal error).
  const parsed = issueDate ? new Date(`${issueDate}T00:00:00Z`) : undefined;
  const realDate =
    issueDate !== null &&
    /^\d{4}-\d{2}-\d{2}$/.test(issueDate) &&
    parsed !== undefined &&
    !Number.isNaN(parsed.getTime()) &&
    parsed.toISOString().startsWith(issueDate);
  if (!number || !issueDate || !realDate) {
    throw refuse(
      'DONNEES_INCOMPLETES',
      'Le numéro (BT-1) et une date réelle (BT-2, AAAA-MM-JJ) de la facture sont obligatoires.',
      'The invoice number (BT-1) and a real date (BT-2, YYYY-MM-DD) are required.',
    );
  }
  const supplier: Routing['supplier'] = {};
  for (const id of [...(model.seller?.identifiers ?? []), model.seller?.legalRegistration]) {
    const f = frenchId(id);
    supplier.siret ??= f.siret;
    supplier.siren ??= f.siren ?? f.siret?.slice(0, 9);
  }
  const recipient = { ...frenchId(model.buyer?.identifier) };
  const legal = frenchId(model.buyer?.legalRegistration);
  recipient.siret ??= legal.siret;
  const siren = recipient.siret?.slice(0, 9) ?? legal.siren;
  return {
    number,
    issueDate,
    typeCode: trimmed(model.typeCode) ?? '',
    currency: trimmed(model.currencyCode) ?? '',
    supplier,
    recipient: siren ? { ...recipient, siren } : recipient,
    serviceCode: trimmed(model.buyerReference),
    commitmentNumber: trimmed(model.purchaseOrderReference),
  };
}

/** BT-3 → invoice kind. 384 (corrected invoice) is an invoice. */
const kindOfTypeCode: Record<string, InvoiceType> = {
  '380': 'FACTURE',
  '384': 'FACTURE',
  '381': 'AVOIR',
  '386': 'ACOMPTE',
};

export function checkFramework(framework: string): BillingFramework {
  const known = (billingFrameworks as readonly string[]).includes(framework);
  if (!known || !acceptedBillingFrameworks.includes(framework as BillingFramework)) {
    throw refuse(
      'CADRE_NON_SUPPORTE',
      `Le cadre de facturation « ${framework} » n’est pas encore accepté : seuls A1_FACTURE_FOURNISSEUR et A2_FACTURE_FOURNISSEUR_DEJA_PAYEE le sont.`,
      `Billing framework "${framework}" is not accepted yet: only A1_FACTURE_FOURNISSEUR and A2_FACTURE_FOURNISSEUR_DEJA_PAYEE are.`,
    );
  }
  return framework as BillingFramework;
}

/** The invoice kind from BT-3; a declared kind must agree with it. */
export function checkType(typeCode: string, declared: string | undefined): InvoiceType {
  const kind = kindOfTypeCode[typeCode];
  if (!kind) {
    throw refuse(
      'TYPE_NON_SUPPORTE',
      `Le code de type de facture (BT-3) « ${typeCode} » n’est pas accepté : 380 ou 384 (facture), 381 (avoir), 386 (acompte).`,
      `Invoice type code (BT-3) "${typeCode}" is not accepted: 380 or 384 (invoice), 381 (credit note), 386 (prepayment).`,
    );
  }
  if (declared !== undefined && declared !== kind) {
    throw refuse(
      'TYPE_NON_SUPPORTE',
      `Le type déclaré (${declared}) ne correspond pas au code de type de la facture (BT-3 ${typeCode} = ${kind}).`,
      `The declared type (${declared}) does not match the invoice type code (BT-3 ${typeCode} = ${kind}).`,
    );
  }
  return kind;
}

export interface SupplierStructure {
  id: string;
  identifier: string;
  name: string;
}

/**
 * The supplier structure: the seller's SIRET, or its SIREN narrowed by what the depositor acts
 * for (the API client's structure, or `supplierIdentifier`). FOURNISSEUR_INCONNU otherwise.
 */
export async function findSupplier(options: {
  db: Kysely<DB>;
  routing: Routing;
  principal: Principal;
  supplierIdentifier?: string | undefined;
}): Promise<SupplierStructure> {
  const { siret, siren } = options.routing.supplier;
  const unknown = () =>
    refuse(
      'FOURNISSEUR_INCONNU',
      'Le fournisseur (SIRET BT-29 ou SIREN BT-30) est absent de la facture ou inconnu de l’annuaire.',
      'The supplier (SIRET BT-29 or SIREN BT-30) is missing from the invoice or unknown to the directory.',
    );
  if (!siret && !siren) throw unknown();
  let q = options.db
    .selectFrom('structure')
    .select(['id', 'identifier', 'name'])
    .where('identifier_type', '=', 'SIRET');
  q = siret ? q.where('identifier', '=', siret) : q.where('identifier', 'like', `${siren!}%`);
  let rows = await q.limit(50).execute();
  if (options.supplierIdentifier) {
    rows = rows.filter((r) => r.identifier === options.supplierIdentifier);
  }
  if (options.principal.kind === 'client' && rows.length > 1) {
    const structureId = options.principal.structureId;
    rows = rows.filter((r) => r.id === structureId);
  }
  if (rows.length !== 1) throw unknown();
  return rows[0]!;
}

/** The depositor sends for the supplier: FACTURES_EMISES (user) or invoices:send (client). */
export async function checkDepositRight(options: {
  db: Kysely<DB>;
  principal: Principal;
  supplier: SupplierStructure;
}): Promise<void> {
  const { principal, supplier } = options;
  let allowed: boolean;
  if (principal.kind === 'client') {
    allowed = principal.structureId === supplier.id && principal.scopes.includes('invoices:send');
  } else {
    const right = await options.db
      .selectFrom('membership')
      .innerJoin('membership_right', 'membership_right.membership_id', 'membership.id')
      .select('membership.id')
      .where('membership.user_id', '=', principal.userId)
      .where('membership.structure_id', '=', supplier.id)
      .where('membership_right.space', '=', 'FACTURES_EMISES')
      .executeTakeFirst();
    allowed = right !== undefined;
  }
  if (!allowed) {
    throw refuse(
      'DROIT_MANQUANT',
      `Vous n’avez pas le droit « factures émises » sur la structure ${supplier.identifier}.`,
      `You do not hold the "invoices sent" right on structure ${supplier.identifier}.`,
    );
  }
}

export interface RecipientRouting {
  structure: { id: string; identifier: string; name: string };
  service: { id: string; code: string } | null;
}

/**
 * Recipient, service and commitment checks against the directory, in the order a supplier
 * fixes them: the recipient, then its service, then the commitment number.
 */
export async function checkRecipient(options: {
  db: Kysely<DB>;
  routing: Routing;
}): Promise<RecipientRouting> {
  const { db, routing } = options;
  const { siret, siren } = routing.recipient;
  const unknown = () =>
    refuse(
      'DESTINATAIRE_INCONNU',
      'Le destinataire (SIRET BT-46 ou immatriculation BT-47) est absent de la facture ou inconnu de l’annuaire.',
      'The recipient (SIRET BT-46 or registration BT-47) is missing from the invoice or unknown to the directory.',
    );
  if (!siret && !siren) throw unknown();
  let q = db.selectFrom('structure').selectAll().where('identifier_type', '=', 'SIRET');
  q = siret ? q.where('identifier', '=', siret) : q.where('identifier', 'like', `${siren!}%`);
  const rows = await q.limit(2).execute();
  // A SIREN naming several establishments does not say which one: the supplier must give the SIRET.
  if (rows.length !== 1) throw unknown();
  const s = rows[0]!;
  if (!s.is_public) {
    throw refuse(
      'DESTINATAIRE_NON_PUBLIC',
      `Le destinataire ${s.identifier} n’est pas une structure publique : Chorale n’achemine que les factures aux acheteurs publics.`,
      `Recipient ${s.identifier} is not a public body: Chorale only routes invoices to public buyers.`,
    );
  }
  if (!s.active) {
    throw refuse(
      'DESTINATAIRE_INACTIF',
      `Le destinataire ${s.identifier} n’est plus actif dans l’annuaire.`,
      `Recipient ${s.identifier} is no longer active in the directory.`,
    );
  }
  let service: RecipientRouting['service'] = null;
  let serviceNeedsCommitment = false;
  if (routing.serviceCode !== null) {
    const svc = await db
      .selectFrom('service')
      .select(['id', 'code', 'active', 'valid_from', 'valid_to', 'commitment_required'])
      .where('structure_id', '=', s.id)
      .where('code', '=', routing.serviceCode)
      .executeTakeFirst();
    if (!svc) {
      throw refuse(
        'SERVICE_INCONNU',
        `Le code service (BT-10) « ${routing.serviceCode} » n’existe pas chez ${s.identifier}.`,
        `Service code (BT-10) "${routing.serviceCode}" does not exist at ${s.identifier}.`,
      );
    }
    // Dates are 'YYYY-MM-DD' strings on both databases: they compare as text.
    const date = routing.issueDate;
    const inForce =
      svc.active &&
      (svc.valid_from === null || svc.valid_from <= date) &&
      (svc.valid_to === null || date <= svc.valid_to);
    if (!inForce) {
      throw refuse(
        'SERVICE_INACTIF',
        `Le service « ${svc.code} » n’est pas actif à la date de la facture (${date}).`,
        `Service "${svc.code}" is not active at the invoice date (${date}).`,
      );
    }
    service = { id: svc.id, code: svc.code };
    serviceNeedsCommitment = svc.commitment_required;
  } else if (s.service_code_required) {
    throw refuse(
      'SERVICE_OBLIGATOIRE',
      `${s.name} exige un code service (BT-10, référence acheteur).`,
      `${s.name} requires a service code (BT-10, buyer reference).`,
    );
  } else if (s.service_or_commitment_required && routing.commitmentNumber === null) {
    throw refuse(
      'SERVICE_OBLIGATOIRE',
      `${s.name} exige un code service (BT-10) ou un numéro d’engagement (BT-13).`,
      `${s.name} requires a service code (BT-10) or a commitment number (BT-13).`,
    );
  }
  if ((s.commitment_required || serviceNeedsCommitment) && routing.commitmentNumber === null) {
    throw refuse(
      'ENGAGEMENT_OBLIGATOIRE',
      `${service ? `Le service ${service.code}` : s.name} exige un numéro d’engagement (BT-13, référence de commande).`,
      `${service ? `Service ${service.code}` : s.name} requires a commitment number (BT-13, purchase order reference).`,
    );
  }
  return { structure: { id: s.id, identifier: s.identifier, name: s.name }, service };
}
