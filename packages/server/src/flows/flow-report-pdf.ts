/**
 * The flow report as a readable A4 PDF (pdf-lib, as the deposit certificate): the flow, its
 * state and counts, then each entry — accepted with its invoice id, or refused with each
 * error's code, rule, field, French message (English below it), path and line. Pages are added
 * as the entries come, text is wrapped to the page width; the standard fonts speak WinAnsi, so
 * other characters print as '?' (certificate.ts's printable).
 */
import { PDFDocument, StandardFonts, rgb, type PDFFont, type PDFPage } from 'pdf-lib';
import { printable } from '../invoices/certificate.js';
import type { ReportEntry } from './flow-report.js';
import type { FlowSummary } from './read-flows.js';

const A4: [number, number] = [595.28, 841.89];
const MARGIN = 48;
const WIDTH = A4[0] - 2 * MARGIN;

/** Greedy word wrap to `width` points (a word longer than a line is cut). */
function wrap(font: PDFFont, size: number, text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const candidate = line ? `${line} ${word}` : word;
    if (font.widthOfTextAtSize(candidate, size) <= width) {
      line = candidate;
      continue;
    }
    if (line) lines.push(line);
    let rest = word;
    while (font.widthOfTextAtSize(rest, size) > width) {
      let cut = rest.length - 1;
      while (cut > 1 && font.widthOfTextAtSize(rest.slice(0, cut), size) > width) cut--;
      lines.push(rest.slice(0, cut));
      rest = rest.slice(cut);
    }
    line = rest;
  }
  if (line) lines.push(line);
  return lines;
}

class Writer {
  private page!: PDFPage;
  private y = 0;
  pages = 0;

  constructor(
    private readonly pdf: PDFDocument,
    readonly font: PDFFont,
    readonly bold: PDFFont,
    private readonly footer: string,
  ) {
    this.newPage();
  }

  private newPage(): void {
    this.page = this.pdf.addPage(A4);
    this.pages++;
    this.y = A4[1] - MARGIN;
    this.page.drawText(printable(this.font, `${this.footer} — page ${this.pages}`), {
      x: MARGIN,
      y: MARGIN / 2,
      size: 8,
      font: this.font,
      color: rgb(0.4, 0.4, 0.4),
    });
  }

  text(
    text: string,
    options: { size?: number; bold?: boolean; indent?: number; grey?: boolean } = {},
  ): void {
    const size = options.size ?? 9.5;
    const font = options.bold ? this.bold : this.font;
    const indent = options.indent ?? 0;
    for (const line of wrap(font, size, printable(font, text), WIDTH - indent)) {
      if (this.y - size * 1.35 < MARGIN) this.newPage();
      this.y -= size * 1.35;
      this.page.drawText(line, {
        x: MARGIN + indent,
        y: this.y,
        size,
        font,
        color: options.grey ? rgb(0.35, 0.35, 0.35) : rgb(0, 0, 0),
      });
    }
  }

  gap(points = 6): void {
    this.y -= points;
  }
}

export async function renderFlowReportPdf(
  flow: FlowSummary,
  entries: AsyncIterable<ReportEntry>,
): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  // Fixed dates: the same report gives the same bytes.
  const at = new Date(flow.dates.finished ?? flow.dateDepot);
  pdf.setCreationDate(at);
  pdf.setModificationDate(at);
  pdf.setTitle(`Compte rendu du flux ${flow.numeroFluxDepot}`);
  pdf.setSubject(`${flow.numeroFluxDepot} ${flow.etat} sha256:${flow.sha256}`);
  pdf.setKeywords([flow.id, flow.numeroFluxDepot, flow.etat]);
  pdf.setProducer('Chorale');
  pdf.setCreator('Chorale');
  const w = new Writer(
    pdf,
    await pdf.embedFont(StandardFonts.Helvetica),
    await pdf.embedFont(StandardFonts.HelveticaBold),
    `Chorale — flux ${flow.numeroFluxDepot}`,
  );
  w.text(`Compte rendu d’intégration du flux ${flow.numeroFluxDepot}`, { size: 15, bold: true });
  w.text(`Flow integration report`, { size: 10, grey: true });
  w.gap(8);
  const facts: [string, string][] = [
    ['État / state', flow.etat],
    ['Fichier / file', flow.nomFichier],
    ['Syntaxe / syntax', flow.syntaxeFlux],
    ['Déposé le / deposited', flow.dateDepot.replace('T', ' ').slice(0, 19) + ' UTC'],
    [
      'Terminé le / finished',
      flow.dates.finished ? flow.dates.finished.replace('T', ' ').slice(0, 19) + ' UTC' : '—',
    ],
    [
      'Factures / invoices',
      `${flow.entries ?? '—'} : ${flow.accepted} acceptée(s) / accepted, ${flow.refused} refusée(s) / refused`,
    ],
    ['SHA-256', flow.sha256],
    ['Identifiant / id', flow.id],
  ];
  for (const [k, v] of facts) w.text(`${k} : ${v}`);
  if (flow.error) {
    w.gap(6);
    w.text(`Flux refusé — ${flow.error.code}`, { bold: true });
    w.text(flow.error.message.fr, { indent: 12 });
    w.text(flow.error.message.en, { indent: 12, grey: true });
  }
  w.gap(10);
  for await (const e of entries) {
    const head = `#${e.index + 1} ${e.name}${e.invoiceNumber ? ` — facture ${e.invoiceNumber}` : ''}`;
    if (e.outcome === 'ACCEPTED') {
      w.text(`${head} : ACCEPTÉE (${e.invoiceId ?? ''})`);
      continue;
    }
    w.gap(4);
    w.text(`${head} : REFUSÉE — ${e.refusalCode ?? ''}`, { bold: true });
    for (const err of e.errors) {
      const where = [
        err.ruleId ? `règle ${err.ruleId}` : null,
        err.field ? `champ ${err.field}` : null,
        err.line ? `ligne ${err.line}` : null,
      ]
        .filter(Boolean)
        .join(', ');
      w.text(`${where ? `[${where}] ` : ''}${err.message.fr}`, { indent: 12 });
      w.text(err.message.en, { indent: 12, grey: true });
      if (err.path)
        w.text(`Emplacement / location : ${err.path}`, { indent: 12, size: 8, grey: true });
    }
    w.gap(4);
  }
  return pdf.save();
}
