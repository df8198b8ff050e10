/**
 * The deposit certificate (attestation de dépôt): a one-page PDF saying which invoice Chorale
 * received, when, from whom, for whom, and the SHA-256 of the original as deposited — what a
 * supplier shows to prove the date of deposit. Rebuilt on demand from the stored rows (nothing
 * in it can change after the deposit), so it is not stored.
 *
 * The fingerprint and id are also written into the PDF's metadata (Subject, Keywords), so a
 * program can read them without parsing page content.
 */
import type { Kysely } from 'kysely';
import { PDFDocument, StandardFonts, rgb, type PDFFont } from 'pdf-lib';
import type { Principal } from '../accounts/model.js';
import type { DB } from '../db/schema.js';
import { notFound } from '../lib/errors.js';
import { loadInvoiceFor } from './invoice-access.js';

export interface CertificateData {
  id: string;
  depositedAt: Date;
  madeAvailableAt: Date | null;
  sha256: string;
  originalName: string;
  format: string;
  number: string;
  issueDate: string;
  type: string;
  framework: string;
  currency: string;
  supplier: { name: string; identifier: string };
  recipient: { name: string; identifier: string; serviceCode: string | null };
  commitmentNumber: string | null;
  totalWithoutVat: string | null;
  totalVat: string | null;
  totalWithVat: string | null;
  amountDue: string | null;
}

/**
 * The standard fonts speak WinAnsi only: French letters pass, anything else (a supplier name in
 * another script) becomes '?', rather than failing the certificate.
 */
export function printable(font: PDFFont, text: string): string {
  let out = '';
  for (const ch of text) {
    try {
      font.encodeText(ch);
      out += ch;
    } catch {
      out += '?';
    }
  }
  return out;
}

const when = (d: Date) => `${d.toISOString().replace('T', ' ').slice(0, 19)} UTC`;

export async function renderCertificate(data: CertificateData): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  // Fixed dates: the same invoice always gives the same certificate bytes.
  pdf.setCreationDate(data.depositedAt);
  pdf.setModificationDate(data.depositedAt);
  pdf.setTitle(`Attestation de dépôt ${data.id}`);
  pdf.setSubject(`SHA-256 ${data.sha256}`);
  pdf.setKeywords([data.id, data.sha256, data.number]);
  pdf.setProducer('Chorale');
  pdf.setCreator('Chorale');
  const regular = await pdf.embedFont(StandardFonts.Helvetica);
  const bold = await pdf.embedFont(StandardFonts.HelveticaBold);
  const mono = await pdf.embedFont(StandardFonts.Courier);
  const page = pdf.addPage([595.28, 841.89]); // A4
  let y = 780;
  const text = (s: string, options: { font?: PDFFont; size?: number; x?: number } = {}) => {
    const font = options.font ?? regular;
    page.drawText(printable(font, s), {
      x: options.x ?? 56,
      y,
      size: options.size ?? 10,
      font,
      color: rgb(0.1, 0.1, 0.1),
    });
  };
  const row = (label: string, value: string, font: PDFFont = regular) => {
    text(label, { font: bold });
    text(value, { x: 230, font });
    y -= 18;
  };

  text('Attestation de dépôt de facture', { font: bold, size: 18 });
  y -= 22;
  text('Invoice deposit certificate', { size: 12 });
  y -= 36;
  row('Identifiant / Id', data.id, mono);
  row('Déposée le / Deposited', when(data.depositedAt));
  if (data.madeAvailableAt) row('Mise à disposition / Available', when(data.madeAvailableAt));
  row('Format', `${data.format} (${data.originalName})`);
  y -= 8;
  text('Empreinte SHA-256 de l’original / SHA-256 of the original', { font: bold });
  y -= 16;
  text(data.sha256, { font: mono, size: 9 });
  y -= 28;
  row('Fournisseur / Supplier', `${data.supplier.name} (SIRET ${data.supplier.identifier})`);
  row('Destinataire / Recipient', `${data.recipient.name} (SIRET ${data.recipient.identifier})`);
  row('Service', data.recipient.serviceCode ?? '-');
  row('Engagement / Commitment', data.commitmentNumber ?? '-');
  y -= 8;
  row('Numéro / Number', data.number);
  row('Date', data.issueDate);
  row('Type', data.type);
  row('Cadre / Framework', data.framework);
  const money = (v: string | null) => (v === null ? '-' : `${v} ${data.currency}`);
  row('Total HT / Without VAT', money(data.totalWithoutVat));
  row('TVA / VAT', money(data.totalVat));
  row('Total TTC / With VAT', money(data.totalWithVat));
  row('Net à payer / Amount due', money(data.amountDue));
  y -= 24;
  text(
    'Chorale atteste avoir reçu le fichier dont l’empreinte figure ci-dessus, à la date indiquée.',
    { size: 9 },
  );
  y -= 13;
  text('Chorale certifies it received the file with the fingerprint above, at the date shown.', {
    size: 9,
  });
  return pdf.save();
}

/** The certificate of an invoice, for whoever may see it. */
export async function getCertificate(options: {
  db: Kysely<DB>;
  principal: Principal;
  invoiceId: string;
}): Promise<{ bytes: Uint8Array; filename: string }> {
  const { invoice } = await loadInvoiceFor({ ...options, purpose: 'read' });
  const db = options.db;
  const [original, supplier, recipient] = await Promise.all([
    db
      .selectFrom('invoice_file')
      .select(['name', 'sha256'])
      .where('invoice_id', '=', invoice.id)
      .where('kind', '=', 'ORIGINAL')
      .executeTakeFirst(),
    db
      .selectFrom('structure')
      .select('identifier')
      .where('id', '=', invoice.supplier_structure_id)
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('structure')
      .select('identifier')
      .where('id', '=', invoice.recipient_structure_id)
      .executeTakeFirstOrThrow(),
  ]);
  if (!original) throw notFound(`Original of invoice ${invoice.id}`);
  const bytes = await renderCertificate({
    id: invoice.id,
    depositedAt: invoice.deposited_at,
    madeAvailableAt: invoice.made_available_at,
    sha256: original.sha256,
    originalName: original.name,
    format: invoice.format,
    number: invoice.number,
    issueDate: invoice.issue_date,
    type: invoice.type,
    framework: invoice.framework,
    currency: invoice.currency,
    supplier: { name: invoice.supplier_name, identifier: supplier.identifier },
    recipient: {
      name: invoice.recipient_name,
      identifier: recipient.identifier,
      serviceCode: invoice.service_code,
    },
    commitmentNumber: invoice.commitment_number,
    totalWithoutVat: invoice.total_without_vat,
    totalVat: invoice.total_vat,
    totalWithVat: invoice.total_with_vat,
    amountDue: invoice.amount_due,
  });
  return { bytes, filename: `attestation-depot-${invoice.id}.pdf` };
}
