/**
 * UBL syntax-binding rules (UBL-SR, UBL-CR, UBL-DT) on small documents: each rule fires on its
 * case and not on the near miss, and together the cases fire every official rule.
 */
import { describe, expect, it } from 'vitest';
import { UBL_SYNTAX_MESSAGES } from '../../src/rules/ubl/syntax-messages.js';
import { crEntries } from '../../src/rules/ubl/cr-table.js';
import { officialIds, officialRulesRequired } from '../support/official-rules.js';
import { ids, seen, fires, silent, crCase } from './ubl-syntax-support.js';
import { SR_DT_CASES, UNUSED_ATTRIBUTES } from './ubl-syntax-cases.js';

describe('UBL-CR table', () => {
  const entries = crEntries();

  it('holds each UBL-CR id once', () => {
    expect(new Set(entries.map((e) => e.id)).size).toBe(entries.length);
  });

  it.runIf(officialRulesRequired)(
    'holds every official UBL-CR rule but the value-tested ones',
    () => {
      const special = [
        'UBL-CR-002',
        'UBL-CR-412',
        'UBL-CR-663',
        'UBL-CR-665',
        'UBL-CR-666',
        'UBL-CR-673',
      ];
      const table = entries.map((e) => e.id);
      expect([...table, ...special].sort()).toEqual(officialIds('UBL', /^UBL-CR-/));
    },
  );

  it.each(entries.map((e) => [e.id, e] as const))(
    '%s fires on its element, not without it',
    (id, e) => {
      for (const root of ['Invoice', 'CreditNote'] as const) {
        const hits = fires(id, crCase(e, root), root);
        expect(hits[0]!.at.local).toBe(e.el.local);
        silent(id, crCase(e, root, false), root);
      }
    },
  );

  it('matches on namespaces, not prefixes, and only at the listed place', () => {
    // A default-namespace cbc element is still cbc:UUID.
    fires(
      'UBL-CR-005',
      '<UUID xmlns="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2">1</UUID>',
    );
    // cac:UUID is not cbc:UUID.
    silent('UBL-CR-005', '<cac:UUID>1</cac:UUID>');
    // A root-level path is not matched deeper down.
    silent(
      'UBL-CR-005',
      '<cac:OrderReference><cbc:ID>1</cbc:ID></cac:OrderReference><cac:X><cbc:UUID>1</cbc:UUID></cac:X>',
    );
    // Line paths are not matched outside lines, nor in sub-lines.
    silent('UBL-CR-563', '<cac:Item><cbc:PackQuantity>1</cbc:PackQuantity></cac:Item>');
    silent(
      'UBL-CR-563',
      '<cac:InvoiceLine><cac:SubInvoiceLine><cac:InvoiceLine><cac:Item><cbc:PackQuantity>1</cbc:PackQuantity></cac:Item></cac:InvoiceLine></cac:SubInvoiceLine></cac:InvoiceLine>',
    );
  });

  it('fires once per offending element, on that element', () => {
    const hits = fires(
      'UBL-CR-563',
      '<cac:InvoiceLine><cac:Item><cbc:PackQuantity>1</cbc:PackQuantity></cac:Item></cac:InvoiceLine>' +
        '<cac:InvoiceLine><cac:Item><cbc:PackQuantity>2</cbc:PackQuantity></cac:Item></cac:InvoiceLine>',
    );
    expect(hits.map((h) => h.at.text)).toEqual(['1', '2']);
  });
});

describe('UBL-CR rules with a value test', () => {
  it('UBL-CR-002: UBL version other than 2.1', () => {
    expect(fires('UBL-CR-002', '<cbc:UBLVersionID>2.2</cbc:UBLVersionID>')[0]!.params).toEqual({
      value: '2.2',
    });
    silent('UBL-CR-002', '<cbc:UBLVersionID>2.1</cbc:UBLVersionID>');
    silent('UBL-CR-002', '<cbc:CustomizationID>x</cbc:CustomizationID>');
  });

  it('UBL-CR-412: PaymentMeans/PaymentDueDate in an Invoice only', () => {
    const body =
      '<cac:PaymentMeans><cbc:PaymentDueDate>2024-01-01</cbc:PaymentDueDate></cac:PaymentMeans>';
    fires('UBL-CR-412', body);
    silent('UBL-CR-412', body, 'CreditNote');
  });

  it('UBL-CR-663: unitCodeListID anywhere', () => {
    fires(
      'UBL-CR-663',
      '<cac:InvoiceLine><cbc:InvoicedQuantity unitCode="C62" unitCodeListID="x">1</cbc:InvoicedQuantity></cac:InvoiceLine>',
    );
    silent(
      'UBL-CR-663',
      '<cac:InvoiceLine><cbc:InvoicedQuantity unitCode="C62">1</cbc:InvoicedQuantity></cac:InvoiceLine>',
    );
  });

  it('UBL-CR-665: scheme on a supporting document identifier', () => {
    fires(
      'UBL-CR-665',
      '<cac:AdditionalDocumentReference><cbc:ID schemeID="X">1</cbc:ID></cac:AdditionalDocumentReference>',
    );
    fires(
      'UBL-CR-665',
      '<cac:AdditionalDocumentReference><cbc:ID schemeID="X">1</cbc:ID><cbc:DocumentTypeCode>916</cbc:DocumentTypeCode></cac:AdditionalDocumentReference>',
    );
    silent(
      'UBL-CR-665',
      '<cac:AdditionalDocumentReference><cbc:ID schemeID="X">1</cbc:ID><cbc:DocumentTypeCode>130</cbc:DocumentTypeCode></cac:AdditionalDocumentReference>',
    );
    silent(
      'UBL-CR-665',
      '<cac:AdditionalDocumentReference><cbc:ID>1</cbc:ID></cac:AdditionalDocumentReference>',
    );
  });

  it('UBL-CR-666 / 673: invoiced object with attachment or description (fatal)', () => {
    const obj = (x: string) =>
      `<cac:AdditionalDocumentReference><cbc:ID>1</cbc:ID><cbc:DocumentTypeCode>130</cbc:DocumentTypeCode>${x}</cac:AdditionalDocumentReference>`;
    fires(
      'UBL-CR-666',
      obj(
        '<cac:Attachment><cbc:EmbeddedDocumentBinaryObject mimeCode="a" filename="b">x</cbc:EmbeddedDocumentBinaryObject></cac:Attachment>',
      ),
    );
    fires('UBL-CR-673', obj('<cbc:DocumentDescription>d</cbc:DocumentDescription>'));
    const plain =
      '<cac:AdditionalDocumentReference><cbc:ID>1</cbc:ID><cbc:DocumentDescription>d</cbc:DocumentDescription><cac:Attachment/></cac:AdditionalDocumentReference>';
    silent('UBL-CR-666', plain);
    silent('UBL-CR-673', plain);
  });
});

describe('UBL-SR and UBL-DT rules', () => {
  it.each(SR_DT_CASES)('%s fires, and not on the valid variant', (id, bad, good, root) => {
    fires(id, bad, root ?? 'Invoice');
    silent(id, good, root ?? 'Invoice');
  });

  it.each(UNUSED_ATTRIBUTES)(
    '%s: attribute %s anywhere, on the element carrying it',
    (id, attr) => {
      const hits = fires(
        id,
        `<cac:InvoiceLine><cac:Item><cbc:Name ${attr}="x">n</cbc:Name></cac:Item></cac:InvoiceLine>`,
      );
      expect(hits[0]!.at.local).toBe('Name');
      // Namespaced attributes of the same local name are not UBL's.
      silent(
        id,
        `<cac:InvoiceLine><cac:Item><cbc:Name xmlns:o="urn:o" o:${attr}="x">n</cbc:Name></cac:Item></cac:InvoiceLine>`,
      );
    },
  );

  it('UBL-DT-01 counts digits after the first dot, on every amount not under a price discount', () => {
    const hits = fires(
      'UBL-DT-01',
      '<cac:AllowanceCharge><cbc:Amount>1.</cbc:Amount><cbc:BaseAmount>1.123</cbc:BaseAmount></cac:AllowanceCharge><cac:InvoiceLine><cac:Price><cbc:BaseQuantity>1.12345</cbc:BaseQuantity></cac:Price><cac:AllowanceCharge><cbc:Amount>2.999</cbc:Amount></cac:AllowanceCharge></cac:InvoiceLine>',
    );
    expect(hits.map((h) => h.params?.value)).toEqual(['1.123', '2.999']);
    silent('UBL-DT-01', '<cac:TaxTotal><cbc:TaxAmount>100</cbc:TaxAmount></cac:TaxTotal>');
  });

  it('UBL-SR-19..21 fire on a payee without a name of its own', () => {
    const f = ids(
      '<cac:PayeeParty><cac:PartyIdentification><cbc:ID>1</cbc:ID></cac:PartyIdentification></cac:PayeeParty>',
    );
    expect(['UBL-SR-19', 'UBL-SR-20', 'UBL-SR-21'].every((id) => f.has(id))).toBe(true);
  });

  it('UBL-SR-43 accepts type code 50 in a credit note only', () => {
    const body =
      '<cac:AdditionalDocumentReference><cbc:ID>1</cbc:ID><cbc:DocumentTypeCode>50</cbc:DocumentTypeCode></cac:AdditionalDocumentReference>';
    silent('UBL-SR-43', body, 'CreditNote');
    fires('UBL-SR-43', body);
  });

  it('anchors count rules on the extra element, absence rules on the context', () => {
    const [extra] = fires(
      'UBL-SR-08',
      '<cac:InvoicePeriod><cbc:StartDate>1</cbc:StartDate></cac:InvoicePeriod><cac:InvoicePeriod><cbc:StartDate>2</cbc:StartDate></cac:InvoicePeriod>',
    );
    expect(extra!.at.children[0]!.text).toBe('2');
    const [line] = fires('UBL-SR-48', '<cac:InvoiceLine><cbc:ID>7</cbc:ID></cac:InvoiceLine>');
    expect(line!.at.local).toBe('InvoiceLine');
  });
});

describe.runIf(officialRulesRequired)('coverage of the official rules', () => {
  // The official inventory, not our catalogue: a rule missing from both would go unseen.
  const official = () => officialIds('UBL', /^UBL-(SR|CR|DT)-/);

  it('every official UBL-SR/CR/DT id has a French and an English message, and only those', () => {
    for (const id of official()) {
      const m = UBL_SYNTAX_MESSAGES[id];
      expect(m, id).toBeDefined();
      expect(m!.en.length, id).toBeGreaterThan(30);
      expect(m!.fr.length, id).toBeGreaterThan(30);
    }
    expect(Object.keys(UBL_SYNTAX_MESSAGES).sort()).toEqual(official());
  });

  it('every official UBL-SR/CR/DT id was fired by some case above', () => {
    expect(official().filter((id) => !seen.has(id))).toEqual([]);
  });
});
