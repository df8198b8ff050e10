/**
 * Routing and the B2G checks of a deposit: who sends (BT-29/BT-30), to whom (BT-46/BT-47),
 * which service (BT-10), which commitment (BT-13), and whether the directory lets it through.
 * Every refusal is a DepositRefusal carrying a stable RefusalCode and a French and an English
 * message; the HTTP layer shows both. The recipient checks are also those of recycling
 * (checkRecipient): one source for the routing refusals wherever an invoice is routed.
 */
import type { Kysely } from 'kysely';
import {
  messageFor,
  ruleMessage,
  type Identifier,
  type Invoice,
  type ReportedFinding,
} from '@chorale/einvoice';
import type { Principal } from '../accounts/model.js';
import { preparedQuery } from '../db/prepared.js';
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
  /** The EN 16931 findings behind a REGLES_EN16931 refusal, with both messages (flow reports). */
  readonly findings: RefusalFinding[];

  constructor(
    code: RefusalCode,
    fr: string,
    en: string,
    details: ErrorItem[] = [],
    findings: RefusalFinding[] = [],
  ) {
    super(refusalError[code] ?? 'VALIDATION_FAILED', `${code}: ${en}`, {
      details: [{ pointer: 'refusal', message: code }, ...details],
      fr: `${code} : ${fr}`,
    });
    this.refusal = code;
    this.messages = { fr, en };
    this.findings = findings;
  }
}

/** One EN 16931 finding as a refusal carries it: the engine's own messages, located. */
export interface RefusalFinding {
  ruleId: string;
  message: { fr: string; en: string };
  /** Business terms the rule concerns (BT-1, BG-23…). */
  terms: string[];
  path: string;
  line: number;
}

/** The fatal findings of a report (at most 200), with the engine's messages in both languages. */
export function fatalFindings(findings: readonly ReportedFinding[]): RefusalFinding[] {
  return findings
    .filter((f) => f.flag === 'fatal')
    .slice(0, 200)
    .map((f) => ({
      ruleId: f.id,
      message: { fr: messageFor(f, 'fr'), en: f.message },
      terms: ruleMessage(f.id)?.terms ?? [],
      path: f.path,
      line: f.line,
    }));
}

export function refuse(
  code: RefusalCode,
  fr: string,
  en: string,
  details?: ErrorItem[],
  findings?: RefusalFinding[],
): DepositRefusal {
  return new DepositRefusal(code, fr, en, details, findings);
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

/** What routingOf reads of an invoice (the whole model at deposit; a pre-check sends only this). */
export type RoutingSource = Pick<
  Invoice,
  'id' | 'issueDate' | 'typeCode' | 'currencyCode' | 'buyerReference' | 'purchaseOrderReference'
> & {
  seller?: { identifiers: Identifier[]; legalRegistration?: Identifier | undefined } | undefined;
  buyer?:
    { identifier?: Identifier | undefined; legalRegistration?: Identifier | undefined } | undefined;
};

export function routingOf(model: RoutingSource): Routing {
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

export interface RecipientRouting {
  structure: { id: string; identifier: string; name: string };
  service: { id: string; code: string } | null;
}

/** What the recipient checks read from the directory (json_agg rows: dates as 'YYYY-MM-DD'). */
interface RecipientFacts {
  recipients: {
    id: string;
    identifier: string;
    name: string;
    is_public: boolean;
    active: boolean;
    service_code_required: boolean;
    service_or_commitment_required: boolean;
    commitment_required: boolean;
  }[];
  services: {
    structure_id: string;
    id: string;
    code: string;
    active: boolean;
    valid_from: string | null;
    valid_to: string | null;
    commitment_required: boolean;
  }[];
}

/** What checkParties reads from the directory. */
interface DirectoryFacts extends RecipientFacts {
  suppliers: SupplierStructure[];
  rights: { structure_id: string }[];
}

/** Where an invoice is sent: the routing data the recipient checks judge. */
export interface RecipientRequest {
  /** The recipient's SIRET, or a SIREN (which must then name one establishment). */
  recipient: { siret?: string | undefined; siren?: string | undefined };
  serviceCode: string | null;
  commitmentNumber: string | null;
  /** The invoice date (BT-2, YYYY-MM-DD): the service must be in force on it. */
  date: string;
}

/**
 * The directory facts the checks judge, in ONE round trip: deposit_directory_facts()
 * (migration 0008), a PL/pgSQL function, so the database plans its lookups once per session
 * instead of on every deposit. Without a supplier (recycling), suppliers and rights are empty.
 */
async function directoryFacts(
  db: Kysely<DB>,
  supplier: Routing['supplier'] | undefined,
  userId: string | null,
  request: RecipientRequest,
  cache?: DirectoryFactsCache,
): Promise<DirectoryFacts> {
  const ids = request.recipient;
  const params = [
    supplier?.siret ?? null,
    supplier?.siret ? null : (supplier?.siren ?? null),
    userId,
    ids.siret ?? null,
    ids.siret ? null : (ids.siren ?? null),
    request.serviceCode,
  ];
  // Prepared on each PostgreSQL connection: parsed and planned once, like the lookups inside.
  const load = async () =>
    (
      await db.executeQuery<{ facts: DirectoryFacts }>(
        preparedQuery('select deposit_directory_facts($1, $2, $3, $4, $5, $6) as facts', params),
      )
    ).rows[0]!.facts;
  return cache ? cache.get(JSON.stringify(params), load) : load();
}

/**
 * Directory facts kept for a short while, for many deposits in a row (a flow's invoices name
 * the same supplier, recipient and service again and again): the facts are what the function
 * returns for the same arguments, so the checks judge them exactly as for a single deposit —
 * only read up to `maxAgeMs` earlier. Bounded staleness: a directory change is seen by the
 * next deposits of a flow at most `maxAgeMs` later (a single deposit reads the facts before
 * its write, so it too may write on facts a moment old). At most `maxEntries` keys.
 */
export class DirectoryFactsCache {
  private readonly entries = new Map<string, { at: number; facts: Promise<DirectoryFacts> }>();

  constructor(
    private readonly maxAgeMs = 5_000,
    private readonly maxEntries = 1_000,
  ) {}

  get(key: string, load: () => Promise<DirectoryFacts>): Promise<DirectoryFacts> {
    const now = Date.now();
    const hit = this.entries.get(key);
    if (hit && now - hit.at <= this.maxAgeMs) return hit.facts;
    if (this.entries.size >= this.maxEntries) this.entries.clear();
    const facts = load();
    this.entries.set(key, { at: now, facts });
    // A failed read is not kept: the next deposit asks again.
    facts.catch(() => {
      if (this.entries.get(key)?.facts === facts) this.entries.delete(key);
    });
    return facts;
  }
}

/**
 * The recipient checks, in the order a supplier fixes them: recipient (known, public, active),
 * its service (known, in force at the invoice date, present when required), the commitment
 * number (present when the structure or the service requires it). The one source of these
 * refusals, for a deposit and for a recycled invoice alike.
 */
function decideRecipient(facts: RecipientFacts, request: RecipientRequest): RecipientRouting {
  const unknownRecipient = () =>
    refuse(
      'DESTINATAIRE_INCONNU',
      'Le destinataire (SIRET BT-46 ou immatriculation BT-47) est absent de la facture ou inconnu de l’annuaire.',
      'The recipient (SIRET BT-46 or registration BT-47) is missing from the invoice or unknown to the directory.',
    );
  const hasRecipient = Boolean(request.recipient.siret || request.recipient.siren);
  // A SIREN naming several establishments does not say which one: the supplier must give the SIRET.
  if (!hasRecipient || facts.recipients.length !== 1) throw unknownRecipient();
  const s = facts.recipients[0]!;
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
  if (request.serviceCode !== null) {
    const svc = facts.services.find((v) => v.structure_id === s.id);
    if (!svc) {
      throw refuse(
        'SERVICE_INCONNU',
        `Le code service (BT-10) « ${request.serviceCode} » n’existe pas chez ${s.identifier}.`,
        `Service code (BT-10) "${request.serviceCode}" does not exist at ${s.identifier}.`,
      );
    }
    // Dates are 'YYYY-MM-DD' strings (in JSON as from either database): they compare as text.
    const date = request.date;
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
  } else if (s.service_or_commitment_required && request.commitmentNumber === null) {
    throw refuse(
      'SERVICE_OBLIGATOIRE',
      `${s.name} exige un code service (BT-10) ou un numéro d’engagement (BT-13).`,
      `${s.name} requires a service code (BT-10) or a commitment number (BT-13).`,
    );
  }
  if ((s.commitment_required || serviceNeedsCommitment) && request.commitmentNumber === null) {
    throw refuse(
      'ENGAGEMENT_OBLIGATOIRE',
      `${service ? `Le service ${service.code}` : s.name} exige un numéro d’engagement (BT-13, référence de commande).`,
      `${service ? `Service ${service.code}` : s.name} requires a commitment number (BT-13, purchase order reference).`,
    );
  }
  return { structure: { id: s.id, identifier: s.identifier, name: s.name }, service };
}

/**
 * The recipient checks alone, in one round trip: for an invoice sent to another recipient
 * (recycling), judged exactly as a deposit's routing is. `recipientIdentifier` is a SIRET, or
 * a SIREN naming one establishment (spaces ignored).
 */
export async function checkRecipient(options: {
  db: Kysely<DB>;
  recipientIdentifier: string;
  serviceCode: string | null;
  commitmentNumber: string | null;
  /** The invoice date (BT-2): the service must be in force on it, as at deposit. */
  date: string;
}): Promise<RecipientRouting> {
  const id = options.recipientIdentifier.replace(/\s/g, '');
  const request: RecipientRequest = {
    recipient: /^\d{14}$/.test(id) ? { siret: id } : /^\d{9}$/.test(id) ? { siren: id } : {},
    serviceCode: options.serviceCode?.trim() || null,
    commitmentNumber: options.commitmentNumber?.trim() || null,
    date: options.date,
  };
  const facts = await directoryFacts(options.db, undefined, null, request);
  return decideRecipient(facts, request);
}

/**
 * Who sends and to whom, checked against the directory. Everything the checks need (supplier
 * candidates, the depositor's FACTURES_EMISES memberships among them, recipient candidates and
 * the named service) comes back in ONE round trip; the refusals are then decided here, in the
 * fixed order: supplier, right on it, recipient, service, commitment. Without the right on the
 * supplier nothing is said about the recipient.
 */
export async function checkParties(options: {
  db: Kysely<DB>;
  routing: Routing;
  principal: Principal;
  supplierIdentifier?: string | undefined;
  /** Facts read shortly before for the same arguments may be used (flows). */
  factsCache?: DirectoryFactsCache | undefined;
}): Promise<{ supplier: SupplierStructure; recipient: RecipientRouting }> {
  const { db, routing, principal } = options;
  const supplierIds = routing.supplier;
  const recipientRequest: RecipientRequest = {
    recipient: routing.recipient,
    serviceCode: routing.serviceCode,
    commitmentNumber: routing.commitmentNumber,
    date: routing.issueDate,
  };
  const unknownSupplier = () =>
    refuse(
      'FOURNISSEUR_INCONNU',
      'Le fournisseur (SIRET BT-29 ou SIREN BT-30) est absent de la facture ou inconnu de l’annuaire.',
      'The supplier (SIRET BT-29 or SIREN BT-30) is missing from the invoice or unknown to the directory.',
    );
  if (!supplierIds.siret && !supplierIds.siren) throw unknownSupplier();
  const userId = principal.kind === 'user' ? principal.userId : null;

  const facts = await directoryFacts(db, supplierIds, userId, recipientRequest, options.factsCache);

  // Supplier: the seller's SIRET, or its SIREN narrowed by what the depositor acts for (the
  // API client's structure, or `supplierIdentifier`).
  let suppliers = facts.suppliers;
  if (options.supplierIdentifier) {
    suppliers = suppliers.filter((r) => r.identifier === options.supplierIdentifier);
  }
  if (principal.kind === 'client' && suppliers.length > 1) {
    const structureId = principal.structureId;
    suppliers = suppliers.filter((r) => r.id === structureId);
  }
  if (suppliers.length !== 1) throw unknownSupplier();
  const supplier = suppliers[0]!;

  // The depositor sends for the supplier: FACTURES_EMISES (user) or invoices:send (client).
  const allowed =
    principal.kind === 'client'
      ? principal.structureId === supplier.id && principal.scopes.includes('invoices:send')
      : facts.rights.some((r) => r.structure_id === supplier.id);
  if (!allowed) {
    throw refuse(
      'DROIT_MANQUANT',
      `Vous n’avez pas le droit « factures émises » sur la structure ${supplier.identifier}.`,
      `You do not hold the "invoices sent" right on structure ${supplier.identifier}.`,
    );
  }

  // Recipient, then its service, then the commitment number.
  return {
    supplier: { id: supplier.id, identifier: supplier.identifier, name: supplier.name },
    recipient: decideRecipient(facts, recipientRequest),
  };
}
