import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ruleFlags, ruleMessage } from '@chorale/einvoice';
import { STATUS_LABELS } from '@chorale/einvoice/statuses';
import { messageIds } from '../../einvoice/src/messages/catalogue.js';
import { PDF_MESSAGES } from '../../einvoice/src/pdf/read-messages.js';
import { eventTypes } from '../../server/src/events/model.js';
import {
  entryRefusalCodes,
  flowArchiveErrorCodes,
} from '../../server/src/flows/archive/refusals.js';
import { flowRefusalCodes, flowStates } from '../../server/src/flows/model.js';
import { readDeposit } from '../../server/src/invoices/deposit-read.js';
import { DepositRefusal } from '../../server/src/invoices/deposit-checks.js';
import { invoiceStatuses, refusalCodes } from '../../server/src/invoices/model.js';
import { errorStatus } from '../../server/src/lib/errors.js';
import { sollicitationCategories } from '../../server/src/sollicitations/model.js';
import { flowStateHelp, flowStateMessages } from '../src/pages/flows/flow-state-messages.js';
import { ERRORS } from '../src/pages/help/errors.js';
import { REFUSALS } from '../src/pages/help/refusals.js';
import { STATUSES } from '../src/pages/help/statuses.js';
import { eventMessages } from '../src/pages/notifications/event-labels.js';

/**
 * Every message id the portal can show, walked: whatever the engine, the server or the portal
 * names by a code has a French and an English text. The lists come from the code that emits
 * the ids (the engine's rule catalogue, the server's error type and refusal codes, the XML
 * parser's failure codes read from its sources), so a new id without its texts fails here.
 */
type Bilingual = { fr: string; en: string };

/** Texts that are missing or empty, by id. */
function gaps(entries: [string, Partial<Bilingual> | undefined][]): string[] {
  return entries.filter(([, m]) => !m || !m.fr?.trim() || !m.en?.trim()).map(([id]) => id);
}

/** The `{name}` placeholders of a text, sorted; `{nameFr}` and `{nameEn}` are one value's two words. */
const placeholders = (text: string) =>
  [...text.matchAll(/\{(\w+?)(?:Fr|En)?\}/g)].map((m) => m[1]).sort();

describe('the engine', () => {
  it('has a French and an English message for every official rule id', () => {
    const ids = [...ruleFlags().keys()];
    expect(ids.length).toBeGreaterThan(1000);
    expect(gaps(ids.map((id) => [id, ruleMessage(id)]))).toEqual([]);
  });

  it('fills the same placeholders in both languages, for every message it has', () => {
    const ids = messageIds();
    expect(gaps(ids.map((id) => [id, ruleMessage(id)]))).toEqual([]);
    const differ = ids.filter((id) => {
      const m = ruleMessage(id)!;
      return placeholders(m.fr).join() !== placeholders(m.en).join();
    });
    expect(differ).toEqual([]);
  });

  it('has both texts for every problem of a PDF it reads', () => {
    const entries = Object.entries(PDF_MESSAGES) as [string, Bilingual][];
    expect(entries.length).toBeGreaterThan(10);
    expect(gaps(entries)).toEqual([]);
    expect(
      entries.filter(([, m]) => placeholders(m.fr).join() !== placeholders(m.en).join()),
    ).toEqual([]);
  });
});

/** The XML parser's failure codes, as its sources raise them. */
function parserCodes(): string[] {
  const dir = fileURLToPath(new URL('../../einvoice/src/xml/', import.meta.url));
  const codes = new Set<string>();
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.ts'))) {
    const source = readFileSync(path.join(dir, file), 'utf8');
    for (const m of source.matchAll(/(?:fail|ParseFailure)\(\s*'([A-Z_]+)'/g)) codes.add(m[1]!);
  }
  return [...codes].sort();
}

/** One file per parser failure: what makes the parser raise it. */
const BAD_XML: Record<string, Uint8Array | string> = {
  EMPTY: '',
  NOT_XML: 'Bonjour, ceci est une facture.',
  DOCTYPE_FORBIDDEN: '<?xml version="1.0"?><!DOCTYPE x [<!ELEMENT x ANY>]><x/>',
  ENTITY_FORBIDDEN: '<?xml version="1.0"?><x><!ENTITY e "v"></x>',
  BAD_ENCODING: new Uint8Array([
    ...new TextEncoder().encode('<?xml version="1.0"?><x>'),
    0xc3,
    0x28,
    ...new TextEncoder().encode('</x>'),
  ]),
  UNSUPPORTED_ENCODING: '<?xml version="1.0" encoding="EBCDIC-CP-US"?><x/>',
  TOO_DEEP: `<?xml version="1.0"?>${'<a>'.repeat(5000)}${'</a>'.repeat(5000)}`,
  MALFORMED: '<?xml version="1.0"?><x><y></x>',
  NAMESPACE: '<?xml version="1.0"?><p:x/>',
};

describe('the server', () => {
  it('tells every reason an XML file cannot be read in both languages, each in its own words', async () => {
    const codes = parserCodes();
    expect(codes).toEqual(
      expect.arrayContaining(['DOCTYPE_FORBIDDEN', 'BAD_ENCODING', 'MALFORMED']),
    );
    const told = new Map<string, Bilingual>();
    for (const code of codes) {
      const input = BAD_XML[code];
      // A code the parser raises only from a PDF or past a size limit is not reached from here.
      if (input === undefined) continue;
      const bytes = typeof input === 'string' ? new TextEncoder().encode(input) : input;
      const refusal = await readDeposit({
        db: undefined as never, // XML deposits are read without the database
        invoice: { bytes, filename: 'facture.xml', mediaType: 'application/xml' },
        keyed: undefined,
      }).then(
        () => undefined,
        (error: unknown) => error,
      );
      expect(refusal, code).toBeInstanceOf(DepositRefusal);
      const { messages } = refusal as DepositRefusal;
      told.set(code, messages);
      expect(messages.fr.trim(), code).not.toBe('');
      expect(messages.en.trim(), code).not.toBe('');
    }
    expect([...told.keys()].sort()).toEqual(Object.keys(BAD_XML).sort());
    // Only a malformed file is called malformed: every other reason is said as it is.
    const malformed = told.get('MALFORMED')!;
    for (const [code, m] of told) {
      if (code !== 'MALFORMED') expect(m.fr, code).not.toBe(malformed.fr);
    }
    expect(told.get('DOCTYPE_FORBIDDEN')!.fr).toContain('DOCTYPE');
    expect(told.get('BAD_ENCODING')!.fr).toContain('UTF-8');
  });

  it('has, for every code of its error type, a French and an English explanation in the help', () => {
    const codes = Object.keys(errorStatus);
    const help = ERRORS as Record<string, { status: number; meaning: Bilingual; fix: Bilingual }>;
    expect(gaps(codes.map((c) => [c, help[c]?.meaning]))).toEqual([]);
    expect(gaps(codes.map((c) => [c, help[c]?.fix]))).toEqual([]);
    expect(
      codes.filter((c) => help[c]!.status !== errorStatus[c as keyof typeof errorStatus]),
    ).toEqual([]);
  });

  it('has a help entry in both languages for every refusal code, deposit, flow and archive', () => {
    const codes = [
      ...refusalCodes,
      ...flowRefusalCodes,
      ...entryRefusalCodes,
      ...flowArchiveErrorCodes,
    ];
    const help = REFUSALS as Record<
      string,
      { title: Bilingual; meaning: Bilingual; fix: Bilingual }
    >;
    for (const part of ['title', 'meaning', 'fix'] as const) {
      expect(gaps(codes.map((c) => [c, help[c]?.[part]])), part).toEqual([]);
    }
  });

  it('names every invoice status, flow state, event type and request category in both languages', () => {
    const pick = (
      table: { fr: Record<string, string>; en: Record<string, string> },
      id: string,
    ) => ({
      fr: table.fr[id],
      en: table.en[id],
    });
    expect(gaps(invoiceStatuses.map((s) => [s, pick(STATUS_LABELS, s)]))).toEqual([]);
    expect(gaps(invoiceStatuses.map((s) => [s, STATUSES[s]?.meaning]))).toEqual([]);
    expect(gaps(flowStates.map((s) => [s, pick(flowStateMessages, s)]))).toEqual([]);
    expect(gaps(flowStates.map((s) => [s, pick(flowStateHelp, s)]))).toEqual([]);
    expect(gaps(eventTypes.map((e) => [e, pick(eventMessages, e)]))).toEqual([]);
    const categories = Object.entries(sollicitationCategories);
    expect(gaps(categories.map(([code, c]) => [code, c.label]))).toEqual([]);
    expect(
      gaps(
        categories.flatMap(([, c]) =>
          Object.entries(c.subcategories as Record<string, Bilingual>).map(
            ([code, s]) => [code, s] as [string, Bilingual],
          ),
        ),
      ),
    ).toEqual([]);
  });
});
