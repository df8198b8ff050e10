/**
 * Invoice fixtures: valid invoices from the demo supplier to the demo public body (service A),
 * as keyed data, UBL and CII bytes, and a minimal plain PDF.
 */
import { writeCii, writeUbl } from '@chorale/einvoice';
import { AFRelationship, PDFDocument, StandardFonts } from 'pdf-lib';
import {
  DEMO_PUBLIC_BODY,
  DEMO_SERVICE_A,
  DEMO_SUPPLIER,
} from '../../src/directory/demo-directory.js';
import { keyedToModel, type KeyedInvoice } from '../../src/invoices/keyed-invoice.js';

/** The demo public body as the directory seeds it (buyer name and address of XML fixtures). */
export const demoBuyer = {
  name: DEMO_PUBLIC_BODY.name,
  address: {
    line1: "1 place de l'Hôtel de Ville",
    postCode: '99100',
    city: 'CHORALE-SUR-LOIRE',
    countryCode: 'FR',
  },
};

/** A valid keyed invoice: 2 lines at 20 % VAT, 1 250.00 + 250.00 = 1 500.00. */
export function keyedInvoice(overrides: Partial<KeyedInvoice> = {}): KeyedInvoice {
  return {
    supplier: {
      identifier: DEMO_SUPPLIER.identifier,
      name: DEMO_SUPPLIER.name,
      vatId: 'FR79998877666',
      address: {
        line1: '12 rue des Artisans',
        postCode: '99100',
        city: 'CHORALE-SUR-LOIRE',
        countryCode: 'FR',
      },
    },
    recipient: { identifier: DEMO_PUBLIC_BODY.identifier, name: DEMO_PUBLIC_BODY.name },
    serviceCode: DEMO_SERVICE_A.code,
    commitmentNumber: 'EJ-2026-0042',
    number: 'F-2026-0001',
    issueDate: '2026-11-20',
    dueDate: '2026-12-20',
    type: 'FACTURE',
    currency: 'EUR',
    lines: [
      {
        name: 'Réfection du portail de l’école',
        quantity: '1',
        unitPrice: '1000.00',
        netAmount: '1000.00',
        vatCategory: 'S',
        vatRate: '20',
      },
      {
        name: 'Peinture (heures)',
        quantity: '5',
        unitPrice: '50.00',
        netAmount: '250.00',
        vatCategory: 'S',
        vatRate: '20',
      },
    ],
    vatBreakdown: [{ category: 'S', rate: '20', taxableAmount: '1250.00', taxAmount: '250.00' }],
    totals: {
      lineNetTotal: '1250.00',
      withoutVat: '1250.00',
      vat: '250.00',
      withVat: '1500.00',
      payable: '1500.00',
    },
    ...overrides,
  };
}

/** The same invoice as UBL 2.1 bytes. */
export function ublInvoice(overrides: Partial<KeyedInvoice> = {}): Uint8Array {
  return new TextEncoder().encode(writeUbl(keyedToModel(keyedInvoice(overrides), demoBuyer)));
}

/** The same invoice as CII D16B bytes. */
export function ciiInvoice(overrides: Partial<KeyedInvoice> = {}): Uint8Array {
  return new TextEncoder().encode(writeCii(keyedToModel(keyedInvoice(overrides), demoBuyer)));
}

/** A tiny but well-formed one-page PDF (no embedded invoice): a "plain PDF" deposit. */
export function plainPdf(text = 'Facture F-2026-0001'): Uint8Array {
  const stream = `BT /F1 12 Tf 72 720 Td (${text}) Tj ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let out = '%PDF-1.7\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const o of offsets) out += `${String(o).padStart(10, '0')} 00000 n \n`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return new TextEncoder().encode(out);
}

export interface Part {
  name: string;
  /** A file part when set. */
  filename?: string;
  contentType?: string;
  value: Uint8Array | string;
}

/** A multipart/form-data body for app.inject. */
export function multipart(parts: Part[]): { payload: Buffer; headers: Record<string, string> } {
  const boundary = `----chorale${Math.random().toString(16).slice(2)}`;
  const chunks: Buffer[] = [];
  for (const p of parts) {
    let head = `--${boundary}\r\nContent-Disposition: form-data; name="${p.name}"`;
    if (p.filename !== undefined) head += `; filename="${p.filename}"`;
    head += '\r\n';
    if (p.contentType) head += `Content-Type: ${p.contentType}\r\n`;
    chunks.push(Buffer.from(`${head}\r\n`), Buffer.from(p.value), Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return {
    payload: Buffer.concat(chunks),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

export interface DepositParts {
  invoice?: { bytes: Uint8Array; filename: string; contentType: string };
  attachments?: { bytes: Uint8Array; filename: string; contentType?: string }[];
  metadata?: Record<string, unknown>;
  keyed?: unknown;
}

/** The multipart body of a deposit (framework A1 unless the metadata say otherwise). */
export function depositBody(d: DepositParts): { payload: Buffer; headers: Record<string, string> } {
  const parts: Part[] = [
    {
      name: 'metadata',
      value: JSON.stringify(d.metadata ?? { framework: 'A1_FACTURE_FOURNISSEUR' }),
    },
  ];
  if (d.keyed !== undefined) parts.push({ name: 'keyed', value: JSON.stringify(d.keyed) });
  if (d.invoice) {
    parts.push({
      name: 'invoice',
      filename: d.invoice.filename,
      contentType: d.invoice.contentType,
      value: d.invoice.bytes,
    });
  }
  for (const a of d.attachments ?? []) {
    parts.push({
      name: 'attachments',
      filename: a.filename,
      contentType: a.contentType ?? 'application/octet-stream',
      value: a.bytes,
    });
  }
  return multipart(parts);
}

export const ubl = (overrides: Partial<KeyedInvoice> = {}) => ({
  bytes: ublInvoice(overrides),
  filename: `${overrides.number ?? 'F-2026-0001'}.xml`,
  contentType: 'application/xml',
});

export const cii = (overrides: Partial<KeyedInvoice> = {}) => ({
  bytes: ciiInvoice(overrides),
  filename: `${overrides.number ?? 'F-2026-0001'}-cii.xml`,
  contentType: 'application/xml',
});

/**
 * A Factur-X-like hybrid: a one-page PDF with the CII invoice attached as factur-x.xml
 * (relationship Alternative). Not a full PDF/A-3 (no XMP, no output intent): the reader reports
 * that as warnings, which the deposit keeps.
 */
export async function facturX(overrides: Partial<KeyedInvoice> = {}): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const page = doc.addPage([595, 842]);
  const font = await doc.embedFont(StandardFonts.Helvetica);
  page.drawText(`Facture ${overrides.number ?? 'F-2026-0001'}`, { x: 56, y: 780, size: 14, font });
  const when = new Date('2026-11-20T09:00:00Z');
  await doc.attach(ciiInvoice(overrides), 'factur-x.xml', {
    mimeType: 'text/xml',
    description: 'Factur-X invoice',
    creationDate: when,
    modificationDate: when,
    afRelationship: AFRelationship.Alternative,
  });
  return doc.save();
}

/** A routing pre-check's body (POST /invoices/routing-check) the demo directory routes. */
export function routingBody(over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: 'F-PRE-1',
    issueDate: '2026-11-20',
    typeCode: '380',
    currencyCode: 'EUR',
    seller: { identifiers: [{ value: DEMO_SUPPLIER.identifier, scheme: '0009' }] },
    buyer: { identifier: { value: DEMO_PUBLIC_BODY.identifier, scheme: '0009' } },
    buyerReference: DEMO_SERVICE_A.code,
    purchaseOrderReference: 'EJ-2026-0042',
    ...over,
  };
}
