import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseXml } from '../../src/xml/parse.js';
import type { XmlElement } from '../../src/xml/types.js';
import { checkUblSyntax } from '../../src/rules/ubl/syntax.js';
import { UBL_SYNTAX_MESSAGES } from '../../src/rules/ubl/syntax-messages.js';
import { crEntries, type CrEntry, type CrStep } from '../../src/rules/ubl/cr-table.js';
import { flagOf, ruleFlags } from '../../src/rules/catalogue.js';
import type { Anchor } from '../../src/rules/engine.js';

const NS_DECL =
  'xmlns:cac="urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2" ' +
  'xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2" ' +
  'xmlns:ext="urn:oasis:names:specification:ubl:schema:xsd:CommonExtensionComponents-2"';

type Root = 'Invoice' | 'CreditNote';

function doc(body: string, root: Root = 'Invoice'): string {
  const ns = `urn:oasis:names:specification:ubl:schema:xsd:${root}-2`;
  return `<?xml version="1.0"?><${root} xmlns="${ns}" ${NS_DECL}>${body}</${root}>`;
}

interface Fired {
  id: string;
  at: XmlElement;
  params?: Record<string, string>;
}

function run(body: string, root: Root = 'Invoice'): Fired[] {
  const parsed = parseXml(doc(body, root));
  if (!parsed.ok) throw new Error(parsed.error.message);
  const fired: Fired[] = [];
  checkUblSyntax(parsed.root, {
    fire(id: string, at: Anchor, _field?: string, params?: Record<string, string>) {
      // Every id fired must be an official UBL rule, and anchored on an element.
      expect(flagOf(id, 'UBL'), id).not.toBeNull();
      expect(at && 'qname' in at, id).toBe(true);
      const f: Fired = { id, at: at as XmlElement };
      if (params) f.params = params;
      fired.push(f);
    },
  });
  return fired;
}

const ids = (body: string, root: Root = 'Invoice') => new Set(run(body, root).map((f) => f.id));

/** Every id some test of this file saw fire. */
const seen = new Set<string>();
function fires(id: string, body: string, root: Root = 'Invoice'): Fired[] {
  const all = run(body, root);
  const mine = all.filter((f) => f.id === id);
  expect(mine.length, `${id} should fire on ${body}`).toBeGreaterThan(0);
  seen.add(id);
  return mine;
}
function silent(id: string, body: string, root: Root = 'Invoice') {
  expect(ids(body, root).has(id), `${id} should not fire on ${body}`).toBe(false);
}

const el = (s: CrStep, inner = '', attr?: string) =>
  `<${s.prefix}:${s.local}${attr ? ` ${attr}="x"` : ''}>${inner || 'v'}</${s.prefix}:${s.local}>`;

/** A document holding the entry's element (with its attribute, if any) at its path. */
function crCase(e: CrEntry, root: Root, withTarget = true): string {
  let inner = withTarget ? el(e.el, '', e.attr) : e.attr ? el(e.el) : '';
  for (const s of [...e.parent].reverse()) inner = el(s, inner);
  if (e.scope === 'L') {
    const line = root === 'Invoice' ? 'InvoiceLine' : 'CreditNoteLine';
    inner = `<cac:${line}>${inner}</cac:${line}>`;
  } else if (e.scope === '*') {
    // Anywhere: bury it a level down to show it is not tied to the root.
    inner = `<cac:AccountingSupplierParty>${inner}</cac:AccountingSupplierParty>`;
  }
  return inner;
}

describe('UBL-CR table', () => {
  const entries = crEntries();

  it('holds every UBL-CR id of the catalogue but the value-tested ones, once each', () => {
    const table = new Set(entries.map((e) => e.id));
    expect(table.size).toBe(entries.length);
    const special = [
      'UBL-CR-002',
      'UBL-CR-412',
      'UBL-CR-663',
      'UBL-CR-665',
      'UBL-CR-666',
      'UBL-CR-673',
    ];
    const catalogue = [...ruleFlags().keys()].filter((id) => id.startsWith('UBL-CR-'));
    expect(catalogue.length).toBe(678);
    expect([...table, ...special].sort()).toEqual(catalogue.sort());
  });

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
    expect(flagOf('UBL-CR-666', 'UBL')).toBe('fatal');
    expect(flagOf('UBL-CR-673', 'UBL')).toBe('fatal');
    const plain =
      '<cac:AdditionalDocumentReference><cbc:ID>1</cbc:ID><cbc:DocumentDescription>d</cbc:DocumentDescription><cac:Attachment/></cac:AdditionalDocumentReference>';
    silent('UBL-CR-666', plain);
    silent('UBL-CR-673', plain);
  });
});

/** [id, body that fires it, body that must not, root] */
const SR_DT_CASES: [string, string, string, Root?][] = [
  [
    'UBL-SR-01',
    '<cac:ContractDocumentReference><cbc:ID>1</cbc:ID></cac:ContractDocumentReference><cac:ContractDocumentReference><cbc:ID>2</cbc:ID></cac:ContractDocumentReference>',
    '<cac:ContractDocumentReference><cbc:ID>1</cbc:ID></cac:ContractDocumentReference>',
  ],
  [
    'UBL-SR-02',
    '<cac:ReceiptDocumentReference><cbc:ID>1</cbc:ID><cbc:ID>2</cbc:ID></cac:ReceiptDocumentReference>',
    '<cac:ReceiptDocumentReference><cbc:ID>1</cbc:ID></cac:ReceiptDocumentReference>',
  ],
  [
    'UBL-SR-03',
    '<cac:DespatchDocumentReference><cbc:ID>1</cbc:ID></cac:DespatchDocumentReference><cac:DespatchDocumentReference><cbc:ID>1</cbc:ID></cac:DespatchDocumentReference>',
    '<cac:DespatchDocumentReference><cbc:ID>1</cbc:ID></cac:DespatchDocumentReference>',
  ],
  [
    'UBL-SR-04',
    '<cac:AdditionalDocumentReference><cbc:ID>1</cbc:ID><cbc:DocumentTypeCode>130</cbc:DocumentTypeCode></cac:AdditionalDocumentReference><cac:AdditionalDocumentReference><cbc:ID>2</cbc:ID><cbc:DocumentTypeCode>130</cbc:DocumentTypeCode></cac:AdditionalDocumentReference>',
    '<cac:AdditionalDocumentReference><cbc:ID>1</cbc:ID><cbc:DocumentTypeCode>130</cbc:DocumentTypeCode></cac:AdditionalDocumentReference><cac:AdditionalDocumentReference><cbc:ID>2</cbc:ID></cac:AdditionalDocumentReference>',
  ],
  [
    'UBL-SR-05',
    '<cac:PaymentTerms><cbc:Note>a</cbc:Note></cac:PaymentTerms><cac:PaymentTerms><cbc:Note>b</cbc:Note></cac:PaymentTerms>',
    '<cac:PaymentTerms><cbc:Note>a</cbc:Note></cac:PaymentTerms>',
  ],
  [
    'UBL-SR-06',
    '<cac:BillingReference><cac:InvoiceDocumentReference><cbc:ID>1</cbc:ID></cac:InvoiceDocumentReference><cac:InvoiceDocumentReference><cbc:ID>2</cbc:ID></cac:InvoiceDocumentReference></cac:BillingReference>',
    '<cac:BillingReference><cac:InvoiceDocumentReference><cbc:ID>1</cbc:ID></cac:InvoiceDocumentReference></cac:BillingReference><cac:BillingReference><cac:InvoiceDocumentReference><cbc:ID>2</cbc:ID></cac:InvoiceDocumentReference></cac:BillingReference>',
  ],
  [
    'UBL-SR-07',
    '<cac:BillingReference><cac:InvoiceDocumentReference><cbc:IssueDate>2024-01-01</cbc:IssueDate></cac:InvoiceDocumentReference></cac:BillingReference>',
    '<cac:BillingReference><cac:InvoiceDocumentReference><cbc:ID>1</cbc:ID></cac:InvoiceDocumentReference></cac:BillingReference>',
  ],
  ['UBL-SR-08', '<cac:InvoicePeriod/><cac:InvoicePeriod/>', '<cac:InvoicePeriod/>'],
  [
    'UBL-SR-09',
    '<cac:AccountingSupplierParty><cac:Party><cac:PartyLegalEntity><cbc:RegistrationName>A</cbc:RegistrationName><cbc:RegistrationName>B</cbc:RegistrationName></cac:PartyLegalEntity></cac:Party></cac:AccountingSupplierParty>',
    '<cac:AccountingSupplierParty><cac:Party><cac:PartyLegalEntity><cbc:RegistrationName>A</cbc:RegistrationName></cac:PartyLegalEntity></cac:Party></cac:AccountingSupplierParty>',
  ],
  [
    'UBL-SR-10',
    '<cac:AccountingSupplierParty><cac:Party><cac:PartyName><cbc:Name>A</cbc:Name></cac:PartyName><cac:PartyName><cbc:Name>B</cbc:Name></cac:PartyName></cac:Party></cac:AccountingSupplierParty>',
    '<cac:AccountingSupplierParty><cac:Party><cac:PartyName><cbc:Name>A</cbc:Name></cac:PartyName></cac:Party></cac:AccountingSupplierParty>',
  ],
  [
    'UBL-SR-11',
    '<cac:AccountingSupplierParty><cac:Party><cac:PartyLegalEntity><cbc:CompanyID>1</cbc:CompanyID><cbc:CompanyID>2</cbc:CompanyID></cac:PartyLegalEntity></cac:Party></cac:AccountingSupplierParty>',
    '<cac:AccountingSupplierParty><cac:Party><cac:PartyLegalEntity><cbc:CompanyID>1</cbc:CompanyID></cac:PartyLegalEntity></cac:Party></cac:AccountingSupplierParty>',
  ],
  [
    'UBL-SR-12',
    '<cac:AccountingSupplierParty><cac:Party><cac:PartyTaxScheme><cbc:CompanyID>FR1</cbc:CompanyID><cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme></cac:PartyTaxScheme><cac:PartyTaxScheme><cbc:CompanyID>FR2</cbc:CompanyID><cac:TaxScheme><cbc:ID>vat</cbc:ID></cac:TaxScheme></cac:PartyTaxScheme></cac:Party></cac:AccountingSupplierParty>',
    '<cac:AccountingSupplierParty><cac:Party><cac:PartyTaxScheme><cbc:CompanyID>FR1</cbc:CompanyID><cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme></cac:PartyTaxScheme><cac:PartyTaxScheme><cbc:CompanyID>X</cbc:CompanyID><cac:TaxScheme><cbc:ID>FC</cbc:ID></cac:TaxScheme></cac:PartyTaxScheme></cac:Party></cac:AccountingSupplierParty>',
  ],
  [
    'UBL-SR-13',
    '<cac:AccountingSupplierParty><cac:Party><cac:PartyTaxScheme><cbc:CompanyID>1</cbc:CompanyID><cac:TaxScheme><cbc:ID>FC</cbc:ID></cac:TaxScheme></cac:PartyTaxScheme><cac:PartyTaxScheme><cbc:CompanyID>2</cbc:CompanyID><cac:TaxScheme><cbc:ID>LOC</cbc:ID></cac:TaxScheme></cac:PartyTaxScheme></cac:Party></cac:AccountingSupplierParty>',
    '<cac:AccountingSupplierParty><cac:Party><cac:PartyTaxScheme><cbc:CompanyID>1</cbc:CompanyID><cac:TaxScheme><cbc:ID>FC</cbc:ID></cac:TaxScheme></cac:PartyTaxScheme><cac:PartyTaxScheme><cbc:CompanyID>2</cbc:CompanyID><cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme></cac:PartyTaxScheme></cac:Party></cac:AccountingSupplierParty>',
  ],
  [
    'UBL-SR-14',
    '<cac:AccountingSupplierParty><cac:Party><cac:PartyLegalEntity><cbc:CompanyLegalForm>A</cbc:CompanyLegalForm><cbc:CompanyLegalForm>B</cbc:CompanyLegalForm></cac:PartyLegalEntity></cac:Party></cac:AccountingSupplierParty>',
    '<cac:AccountingSupplierParty><cac:Party><cac:PartyLegalEntity><cbc:CompanyLegalForm>A</cbc:CompanyLegalForm></cac:PartyLegalEntity></cac:Party></cac:AccountingSupplierParty>',
  ],
  [
    'UBL-SR-15',
    '<cac:AccountingCustomerParty><cac:Party><cac:PartyLegalEntity><cbc:RegistrationName>A</cbc:RegistrationName><cbc:RegistrationName>B</cbc:RegistrationName></cac:PartyLegalEntity></cac:Party></cac:AccountingCustomerParty>',
    '<cac:AccountingCustomerParty><cac:Party><cac:PartyLegalEntity><cbc:RegistrationName>A</cbc:RegistrationName></cac:PartyLegalEntity></cac:Party></cac:AccountingCustomerParty>',
  ],
  [
    'UBL-SR-16',
    '<cac:AccountingCustomerParty><cac:Party><cac:PartyIdentification><cbc:ID>1</cbc:ID></cac:PartyIdentification><cac:PartyIdentification><cbc:ID>2</cbc:ID></cac:PartyIdentification></cac:Party></cac:AccountingCustomerParty>',
    '<cac:AccountingCustomerParty><cac:Party><cac:PartyIdentification><cbc:ID>1</cbc:ID></cac:PartyIdentification></cac:Party></cac:AccountingCustomerParty>',
  ],
  [
    'UBL-SR-17',
    '<cac:AccountingCustomerParty><cac:Party><cac:PartyLegalEntity><cbc:CompanyID>1</cbc:CompanyID><cbc:CompanyID>2</cbc:CompanyID></cac:PartyLegalEntity></cac:Party></cac:AccountingCustomerParty>',
    '<cac:AccountingCustomerParty><cac:Party><cac:PartyLegalEntity><cbc:CompanyID>1</cbc:CompanyID></cac:PartyLegalEntity></cac:Party></cac:AccountingCustomerParty>',
  ],
  [
    'UBL-SR-18',
    '<cac:AccountingCustomerParty><cac:Party><cac:PartyTaxScheme><cbc:CompanyID>1</cbc:CompanyID><cbc:CompanyID>2</cbc:CompanyID><cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme></cac:PartyTaxScheme></cac:Party></cac:AccountingCustomerParty>',
    '<cac:AccountingCustomerParty><cac:Party><cac:PartyTaxScheme><cbc:CompanyID>1</cbc:CompanyID><cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme></cac:PartyTaxScheme></cac:Party></cac:AccountingCustomerParty>',
  ],
  [
    'UBL-SR-19',
    '<cac:AccountingSupplierParty><cac:Party><cac:PartyLegalEntity><cbc:RegistrationName>Seller</cbc:RegistrationName></cac:PartyLegalEntity></cac:Party></cac:AccountingSupplierParty><cac:PayeeParty><cac:PartyName><cbc:Name>Seller</cbc:Name></cac:PartyName></cac:PayeeParty>',
    '<cac:AccountingSupplierParty><cac:Party><cac:PartyLegalEntity><cbc:RegistrationName>Seller</cbc:RegistrationName></cac:PartyLegalEntity></cac:Party></cac:AccountingSupplierParty><cac:PayeeParty><cac:PartyName><cbc:Name>Factor</cbc:Name></cac:PartyName></cac:PayeeParty>',
  ],
  [
    'UBL-SR-20',
    '<cac:AccountingSupplierParty><cac:Party><cac:PartyLegalEntity><cbc:RegistrationName>Seller</cbc:RegistrationName></cac:PartyLegalEntity></cac:Party></cac:AccountingSupplierParty><cac:PayeeParty><cac:PartyIdentification><cbc:ID>1</cbc:ID></cac:PartyIdentification><cac:PartyIdentification><cbc:ID schemeID="0088">2</cbc:ID></cac:PartyIdentification><cac:PartyName><cbc:Name>Factor</cbc:Name></cac:PartyName></cac:PayeeParty>',
    '<cac:AccountingSupplierParty><cac:Party><cac:PartyLegalEntity><cbc:RegistrationName>Seller</cbc:RegistrationName></cac:PartyLegalEntity></cac:Party></cac:AccountingSupplierParty><cac:PayeeParty><cac:PartyIdentification><cbc:ID>1</cbc:ID></cac:PartyIdentification><cac:PartyIdentification><cbc:ID schemeID="sepa">2</cbc:ID></cac:PartyIdentification><cac:PartyName><cbc:Name>Factor</cbc:Name></cac:PartyName></cac:PayeeParty>',
  ],
  [
    'UBL-SR-21',
    '<cac:AccountingSupplierParty><cac:Party><cac:PartyLegalEntity><cbc:RegistrationName>Seller</cbc:RegistrationName></cac:PartyLegalEntity></cac:Party></cac:AccountingSupplierParty><cac:PayeeParty><cac:PartyName><cbc:Name>Factor</cbc:Name></cac:PartyName><cac:PartyLegalEntity><cbc:CompanyID>1</cbc:CompanyID><cbc:CompanyID>2</cbc:CompanyID></cac:PartyLegalEntity></cac:PayeeParty>',
    '<cac:AccountingSupplierParty><cac:Party><cac:PartyLegalEntity><cbc:RegistrationName>Seller</cbc:RegistrationName></cac:PartyLegalEntity></cac:Party></cac:AccountingSupplierParty><cac:PayeeParty><cac:PartyName><cbc:Name>Factor</cbc:Name></cac:PartyName><cac:PartyLegalEntity><cbc:CompanyID>1</cbc:CompanyID></cac:PartyLegalEntity></cac:PayeeParty>',
  ],
  [
    'UBL-SR-22',
    '<cac:TaxRepresentativeParty><cac:PartyName><cbc:Name>A</cbc:Name></cac:PartyName><cac:PartyName><cbc:Name>B</cbc:Name></cac:PartyName></cac:TaxRepresentativeParty>',
    '<cac:TaxRepresentativeParty><cac:PartyName><cbc:Name>A</cbc:Name></cac:PartyName></cac:TaxRepresentativeParty>',
  ],
  [
    'UBL-SR-23',
    '<cac:TaxRepresentativeParty><cac:PartyTaxScheme><cbc:CompanyID>1</cbc:CompanyID><cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme></cac:PartyTaxScheme><cac:PartyTaxScheme><cbc:CompanyID>2</cbc:CompanyID><cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme></cac:PartyTaxScheme></cac:TaxRepresentativeParty>',
    '<cac:TaxRepresentativeParty><cac:PartyTaxScheme><cbc:CompanyID>1</cbc:CompanyID><cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme></cac:PartyTaxScheme></cac:TaxRepresentativeParty>',
  ],
  ['UBL-SR-24', '<cac:Delivery/><cac:Delivery/>', '<cac:Delivery/>'],
  [
    'UBL-SR-25',
    '<cac:Delivery><cac:DeliveryParty><cac:PartyName><cbc:Name>A</cbc:Name></cac:PartyName><cac:PartyName><cbc:Name>B</cbc:Name></cac:PartyName></cac:DeliveryParty></cac:Delivery>',
    '<cac:Delivery><cac:DeliveryParty><cac:PartyName><cbc:Name>A</cbc:Name></cac:PartyName></cac:DeliveryParty></cac:Delivery>',
  ],
  [
    'UBL-SR-26',
    '<cac:PaymentMeans><cbc:PaymentID>1</cbc:PaymentID><cbc:PaymentID>1</cbc:PaymentID></cac:PaymentMeans>',
    '<cac:PaymentMeans><cbc:PaymentID>1</cbc:PaymentID></cac:PaymentMeans><cac:PaymentMeans><cbc:PaymentID>1</cbc:PaymentID></cac:PaymentMeans>',
  ],
  [
    'UBL-SR-27',
    '<cac:PaymentMeans><cbc:PaymentMeansCode>30</cbc:PaymentMeansCode><cbc:PaymentMeansCode>30</cbc:PaymentMeansCode></cac:PaymentMeans>',
    '<cac:PaymentMeans><cbc:PaymentMeansCode>30</cbc:PaymentMeansCode></cac:PaymentMeans>',
  ],
  [
    'UBL-SR-28',
    '<cac:PaymentMeans><cac:PaymentMandate><cbc:ID>1</cbc:ID><cbc:ID>2</cbc:ID></cac:PaymentMandate></cac:PaymentMeans>',
    '<cac:PaymentMeans><cac:PaymentMandate><cbc:ID>1</cbc:ID></cac:PaymentMandate></cac:PaymentMeans>',
  ],
  [
    'UBL-SR-29',
    '<cac:AccountingSupplierParty><cac:Party><cac:PartyIdentification><cbc:ID schemeID="SEPA">1</cbc:ID></cac:PartyIdentification></cac:Party></cac:AccountingSupplierParty><cac:PayeeParty><cac:PartyIdentification><cbc:ID schemeID="sepa">2</cbc:ID></cac:PartyIdentification></cac:PayeeParty>',
    '<cac:AccountingSupplierParty><cac:Party><cac:PartyIdentification><cbc:ID schemeID="SEPA">1</cbc:ID></cac:PartyIdentification><cac:PartyIdentification><cbc:ID schemeID="0088">2</cbc:ID></cac:PartyIdentification></cac:Party></cac:AccountingSupplierParty>',
  ],
  [
    'UBL-SR-30',
    '<cac:AllowanceCharge><cbc:ChargeIndicator> false </cbc:ChargeIndicator><cbc:AllowanceChargeReason>a</cbc:AllowanceChargeReason><cbc:AllowanceChargeReason>b</cbc:AllowanceChargeReason></cac:AllowanceCharge>',
    '<cac:AllowanceCharge><cbc:ChargeIndicator>true</cbc:ChargeIndicator><cbc:AllowanceChargeReason>a</cbc:AllowanceChargeReason><cbc:AllowanceChargeReason>b</cbc:AllowanceChargeReason></cac:AllowanceCharge>',
  ],
  [
    'UBL-SR-31',
    '<cac:InvoiceLine><cac:AllowanceCharge><cbc:ChargeIndicator>true</cbc:ChargeIndicator><cbc:AllowanceChargeReason>a</cbc:AllowanceChargeReason><cbc:AllowanceChargeReason>b</cbc:AllowanceChargeReason></cac:AllowanceCharge></cac:InvoiceLine>',
    '<cac:AllowanceCharge><cbc:ChargeIndicator>yes</cbc:ChargeIndicator><cbc:AllowanceChargeReason>a</cbc:AllowanceChargeReason><cbc:AllowanceChargeReason>b</cbc:AllowanceChargeReason></cac:AllowanceCharge>',
  ],
  [
    'UBL-SR-32',
    '<cac:TaxTotal><cac:TaxSubtotal><cac:TaxCategory><cbc:TaxExemptionReason>a</cbc:TaxExemptionReason><cbc:TaxExemptionReason>b</cbc:TaxExemptionReason></cac:TaxCategory></cac:TaxSubtotal></cac:TaxTotal>',
    '<cac:TaxTotal><cac:TaxSubtotal><cac:TaxCategory><cbc:TaxExemptionReason>a</cbc:TaxExemptionReason></cac:TaxCategory></cac:TaxSubtotal></cac:TaxTotal>',
  ],
  [
    'UBL-SR-33',
    '<cac:AdditionalDocumentReference><cbc:ID>1</cbc:ID><cbc:DocumentDescription>a</cbc:DocumentDescription><cbc:DocumentDescription>b</cbc:DocumentDescription></cac:AdditionalDocumentReference>',
    '<cac:AdditionalDocumentReference><cbc:ID>1</cbc:ID><cbc:DocumentDescription>a</cbc:DocumentDescription></cac:AdditionalDocumentReference>',
  ],
  [
    'UBL-SR-34',
    '<cac:InvoiceLine><cbc:Note>a</cbc:Note><cbc:Note>b</cbc:Note></cac:InvoiceLine>',
    '<cac:InvoiceLine><cbc:Note>a</cbc:Note></cac:InvoiceLine><cac:InvoiceLine><cbc:Note>b</cbc:Note></cac:InvoiceLine>',
  ],
  [
    'UBL-SR-35',
    '<cac:CreditNoteLine><cac:OrderLineReference><cbc:LineID>1</cbc:LineID></cac:OrderLineReference><cac:OrderLineReference><cbc:LineID>2</cbc:LineID></cac:OrderLineReference></cac:CreditNoteLine>',
    '<cac:CreditNoteLine><cac:OrderLineReference><cbc:LineID>1</cbc:LineID></cac:OrderLineReference></cac:CreditNoteLine>',
    'CreditNote',
  ],
  [
    'UBL-SR-36',
    '<cac:InvoiceLine><cac:InvoicePeriod/><cac:InvoicePeriod/></cac:InvoiceLine>',
    '<cac:InvoiceLine><cac:InvoicePeriod/></cac:InvoiceLine>',
  ],
  [
    'UBL-SR-37',
    '<cac:InvoiceLine><cac:Price><cac:AllowanceCharge><cbc:Amount>1</cbc:Amount></cac:AllowanceCharge><cac:AllowanceCharge><cbc:Amount>2</cbc:Amount></cac:AllowanceCharge></cac:Price></cac:InvoiceLine>',
    '<cac:InvoiceLine><cac:Price><cac:AllowanceCharge><cbc:Amount>1</cbc:Amount></cac:AllowanceCharge></cac:Price></cac:InvoiceLine>',
  ],
  [
    'UBL-SR-39',
    '<cac:ProjectReference><cbc:ID>1</cbc:ID></cac:ProjectReference><cac:ProjectReference><cbc:ID>2</cbc:ID></cac:ProjectReference>',
    '<cac:ProjectReference><cbc:ID>1</cbc:ID></cac:ProjectReference>',
  ],
  [
    'UBL-SR-40',
    '<cac:AccountingCustomerParty><cac:Party><cac:PartyName><cbc:Name>A</cbc:Name></cac:PartyName><cac:PartyName><cbc:Name>B</cbc:Name></cac:PartyName></cac:Party></cac:AccountingCustomerParty>',
    '<cac:AccountingCustomerParty><cac:Party><cac:PartyName><cbc:Name>A</cbc:Name></cac:PartyName></cac:Party></cac:AccountingCustomerParty>',
  ],
  [
    'UBL-SR-42',
    '<cac:AccountingSupplierParty><cac:Party><cac:PartyTaxScheme/><cac:PartyTaxScheme/><cac:PartyTaxScheme/></cac:Party></cac:AccountingSupplierParty>',
    '<cac:AccountingSupplierParty><cac:Party><cac:PartyTaxScheme/><cac:PartyTaxScheme/></cac:Party></cac:AccountingSupplierParty><cac:AccountingCustomerParty><cac:Party><cac:PartyTaxScheme/><cac:PartyTaxScheme/><cac:PartyTaxScheme/></cac:Party></cac:AccountingCustomerParty>',
  ],
  [
    'UBL-SR-43',
    '<cac:AdditionalDocumentReference><cbc:ID>1</cbc:ID><cbc:DocumentTypeCode>916</cbc:DocumentTypeCode></cac:AdditionalDocumentReference>',
    '<cac:AdditionalDocumentReference><cbc:ID schemeID="AAA">1</cbc:ID><cbc:DocumentTypeCode>130</cbc:DocumentTypeCode></cac:AdditionalDocumentReference><cac:AdditionalDocumentReference><cbc:ID>2</cbc:ID></cac:AdditionalDocumentReference>',
  ],
  [
    'UBL-SR-44',
    '<cac:PaymentMeans><cbc:PaymentID>A</cbc:PaymentID></cac:PaymentMeans><cac:PaymentMeans><cbc:PaymentID>B</cbc:PaymentID></cac:PaymentMeans>',
    '<cac:PaymentMeans><cbc:PaymentID>A</cbc:PaymentID></cac:PaymentMeans><cac:PaymentMeans><cbc:PaymentID>A</cbc:PaymentID></cac:PaymentMeans>',
  ],
  [
    'UBL-SR-45',
    '<cac:PaymentMeans><cbc:PaymentDueDate>2024-01-01</cbc:PaymentDueDate></cac:PaymentMeans><cac:PaymentMeans><cbc:PaymentDueDate>2024-01-01</cbc:PaymentDueDate></cac:PaymentMeans>',
    '<cac:PaymentMeans><cbc:PaymentDueDate>2024-01-01</cbc:PaymentDueDate></cac:PaymentMeans>',
    'CreditNote',
  ],
  [
    'UBL-SR-46',
    '<cac:PaymentMeans><cbc:PaymentMeansCode name="a">30</cbc:PaymentMeansCode></cac:PaymentMeans><cac:PaymentMeans><cbc:PaymentMeansCode name="b">30</cbc:PaymentMeansCode></cac:PaymentMeans>',
    '<cac:PaymentMeans><cbc:PaymentMeansCode name="a">30</cbc:PaymentMeansCode></cac:PaymentMeans><cac:PaymentMeans><cbc:PaymentMeansCode>30</cbc:PaymentMeansCode></cac:PaymentMeans>',
  ],
  [
    'UBL-SR-47',
    '<cac:PaymentMeans><cbc:PaymentMeansCode>30</cbc:PaymentMeansCode></cac:PaymentMeans><cac:PaymentMeans><cbc:PaymentMeansCode>58</cbc:PaymentMeansCode></cac:PaymentMeans>',
    '<cac:PaymentMeans><cbc:PaymentMeansCode>30</cbc:PaymentMeansCode></cac:PaymentMeans><cac:PaymentMeans><cbc:PaymentMeansCode>30</cbc:PaymentMeansCode></cac:PaymentMeans>',
  ],
  [
    'UBL-SR-48',
    '<cac:InvoiceLine><cac:Item><cbc:Name>x</cbc:Name></cac:Item></cac:InvoiceLine>',
    '<cac:InvoiceLine><cac:Item><cac:ClassifiedTaxCategory><cbc:ID>S</cbc:ID></cac:ClassifiedTaxCategory></cac:Item></cac:InvoiceLine>',
  ],
  [
    'UBL-SR-49',
    '<cac:InvoicePeriod><cbc:DescriptionCode>3</cbc:DescriptionCode><cbc:DescriptionCode>35</cbc:DescriptionCode></cac:InvoicePeriod>',
    '<cac:InvoicePeriod><cbc:DescriptionCode>3</cbc:DescriptionCode></cac:InvoicePeriod>',
  ],
  [
    'UBL-SR-50',
    '<cac:InvoiceLine><cac:Item><cbc:Description>a</cbc:Description><cbc:Description>b</cbc:Description></cac:Item></cac:InvoiceLine>',
    '<cac:InvoiceLine><cac:Item><cbc:Description>a</cbc:Description></cac:Item></cac:InvoiceLine>',
  ],
  [
    'UBL-SR-51',
    '<cac:Delivery><cac:DeliveryLocation><cac:Address><cac:AddressLine><cbc:Line>a</cbc:Line></cac:AddressLine><cac:AddressLine><cbc:Line>b</cbc:Line></cac:AddressLine></cac:Address></cac:DeliveryLocation></cac:Delivery>',
    '<cac:AccountingSupplierParty><cac:Party><cac:PostalAddress><cac:AddressLine><cbc:Line>a</cbc:Line></cac:AddressLine></cac:PostalAddress></cac:Party></cac:AccountingSupplierParty>',
  ],
  [
    'UBL-SR-52',
    '<cac:InvoiceLine><cac:DocumentReference><cbc:ID>1</cbc:ID></cac:DocumentReference><cac:DocumentReference><cbc:ID>2</cbc:ID></cac:DocumentReference></cac:InvoiceLine>',
    '<cac:InvoiceLine><cac:DocumentReference><cbc:ID>1</cbc:ID></cac:DocumentReference></cac:InvoiceLine>',
  ],
  [
    'UBL-SR-53',
    '<cac:AccountingCustomerParty><cac:Party><cac:PartyTaxScheme><cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme></cac:PartyTaxScheme></cac:Party></cac:AccountingCustomerParty>',
    '<cac:AccountingCustomerParty><cac:Party><cac:PartyTaxScheme><cbc:CompanyID>FR1</cbc:CompanyID><cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme></cac:PartyTaxScheme></cac:Party></cac:AccountingCustomerParty>',
  ],
  [
    'UBL-SR-54',
    '<cac:PaymentMeans><cac:CardAccount/></cac:PaymentMeans><cac:PaymentMeans><cac:CardAccount/></cac:PaymentMeans>',
    '<cac:PaymentMeans><cac:CardAccount/></cac:PaymentMeans>',
  ],
  [
    'UBL-SR-55',
    '<cac:PaymentMeans><cac:PaymentMandate/></cac:PaymentMeans><cac:PaymentMeans><cac:PaymentMandate/></cac:PaymentMeans>',
    '<cac:PaymentMeans><cac:PaymentMandate/></cac:PaymentMeans>',
  ],
  [
    'UBL-SR-56',
    '<cac:OriginatorDocumentReference><cbc:ID>1</cbc:ID></cac:OriginatorDocumentReference><cac:OriginatorDocumentReference><cbc:ID>2</cbc:ID></cac:OriginatorDocumentReference>',
    '<cac:OriginatorDocumentReference><cbc:ID>1</cbc:ID></cac:OriginatorDocumentReference>',
  ],
  [
    'UBL-DT-01',
    '<cac:LegalMonetaryTotal><cbc:PayableAmount currencyID="EUR">10.001</cbc:PayableAmount></cac:LegalMonetaryTotal>',
    '<cac:LegalMonetaryTotal><cbc:PayableAmount currencyID="EUR">10.01</cbc:PayableAmount></cac:LegalMonetaryTotal><cac:InvoiceLine><cac:Price><cbc:PriceAmount>1.23456</cbc:PriceAmount><cac:AllowanceCharge><cbc:Amount>0.12345</cbc:Amount><cbc:BaseAmount>1.23456</cbc:BaseAmount></cac:AllowanceCharge></cac:Price></cac:InvoiceLine>',
  ],
  [
    'UBL-DT-06',
    '<cac:AdditionalDocumentReference><cbc:ID>1</cbc:ID><cac:Attachment><cbc:EmbeddedDocumentBinaryObject filename="a.pdf">x</cbc:EmbeddedDocumentBinaryObject></cac:Attachment></cac:AdditionalDocumentReference>',
    '<cac:AdditionalDocumentReference><cbc:ID>1</cbc:ID><cac:Attachment><cbc:EmbeddedDocumentBinaryObject mimeCode="application/pdf" filename="a.pdf">x</cbc:EmbeddedDocumentBinaryObject></cac:Attachment></cac:AdditionalDocumentReference>',
  ],
  [
    'UBL-DT-07',
    '<cac:AdditionalDocumentReference><cbc:ID>1</cbc:ID><cac:Attachment><cbc:EmbeddedDocumentBinaryObject mimeCode="application/pdf">x</cbc:EmbeddedDocumentBinaryObject></cac:Attachment></cac:AdditionalDocumentReference>',
    '<cac:AdditionalDocumentReference><cbc:ID>1</cbc:ID><cac:Attachment><cbc:EmbeddedDocumentBinaryObject mimeCode="application/pdf" filename="a.pdf">x</cbc:EmbeddedDocumentBinaryObject></cac:Attachment></cac:AdditionalDocumentReference>',
  ],
  [
    'UBL-DT-18',
    '<cac:InvoiceLine><cac:Item><cbc:Name name="x">n</cbc:Name></cac:Item></cac:InvoiceLine>',
    '<cac:PaymentMeans><cbc:PaymentMeansCode name="Credit transfer">30</cbc:PaymentMeansCode></cac:PaymentMeans>',
  ],
];

/** The attribute warnings UBL-DT-08..28 (18 above has its own case). */
const UNUSED_ATTRIBUTES: [string, string][] = [
  ['UBL-DT-08', 'schemeName'],
  ['UBL-DT-09', 'schemeAgencyName'],
  ['UBL-DT-10', 'schemeDataURI'],
  ['UBL-DT-11', 'schemeURI'],
  ['UBL-DT-12', 'format'],
  ['UBL-DT-13', 'unitCodeListIdentifier'],
  ['UBL-DT-14', 'unitCodeListAgencyIdentifier'],
  ['UBL-DT-15', 'unitCodeListAgencyName'],
  ['UBL-DT-16', 'listAgencyName'],
  ['UBL-DT-17', 'listName'],
  ['UBL-DT-19', 'languageID'],
  ['UBL-DT-20', 'listURI'],
  ['UBL-DT-21', 'listSchemeURI'],
  ['UBL-DT-22', 'languageLocaleID'],
  ['UBL-DT-23', 'uri'],
  ['UBL-DT-24', 'currencyCodeListVersionID'],
  ['UBL-DT-25', 'characterSetCode'],
  ['UBL-DT-26', 'encodingCode'],
  ['UBL-DT-27', 'schemeAgencyID'],
  ['UBL-DT-28', 'listAgencyID'],
];

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

describe('coverage of the catalogue', () => {
  const catalogue = [...ruleFlags().entries()]
    .filter(([id, f]) => /^UBL-(SR|CR|DT)-/.test(id) && f.UBL !== null)
    .map(([id]) => id);

  it('every UBL-SR/CR/DT id has a French and an English message', () => {
    expect(catalogue.length).toBe(756);
    for (const id of catalogue) {
      const m = UBL_SYNTAX_MESSAGES[id];
      expect(m, id).toBeDefined();
      expect(m!.en.length, id).toBeGreaterThan(30);
      expect(m!.fr.length, id).toBeGreaterThan(30);
    }
    expect(Object.keys(UBL_SYNTAX_MESSAGES).filter((id) => !catalogue.includes(id))).toEqual([]);
  });

  it('every UBL-SR/CR/DT id was fired by some case above', () => {
    expect(catalogue.filter((id) => !seen.has(id))).toEqual([]);
  });
});

describe('official material', () => {
  const base = join(import.meta.dirname, '../../../../../shared/conformance/en16931');
  const present = existsSync(base);

  const judge = (file: string) => {
    const parsed = parseXml(readFileSync(join(base, file)));
    if (!parsed.ok) throw new Error(file);
    const out = new Set<string>();
    checkUblSyntax(parsed.root, { fire: (id) => void out.add(id) });
    return out;
  };

  it.runIf(present)('agrees with every UBL- unit case', () => {
    const bad: string[] = [];
    let n = 0;
    for (const line of readFileSync(join(base, 'unit/expected.jsonl'), 'utf8').split('\n')) {
      if (!line.trim()) continue;
      const c = JSON.parse(line) as {
        file: string;
        scope: string[];
        success: string[];
        error: string[];
        warning: string[];
      };
      if (!c.scope.some((id) => id.startsWith('UBL-'))) continue;
      n++;
      const got = judge(join('unit', c.file));
      for (const id of c.success) if (got.has(id)) bad.push(`${c.file}: ${id} fired`);
      for (const id of [...c.error, ...c.warning])
        if (!got.has(id)) bad.push(`${c.file}: ${id} missing`);
    }
    expect(n).toBeGreaterThan(30);
    expect(bad).toEqual([]);
  });

  it.runIf(present)('finds exactly the expected UBL- rules in the UBL examples', () => {
    const bad: string[] = [];
    for (const line of readFileSync(join(base, 'examples/expected.jsonl'), 'utf8').split('\n')) {
      if (!line.trim()) continue;
      const e = JSON.parse(line) as { file: string; fatal: string[]; warning: string[] };
      const text = readFileSync(join(base, 'examples', e.file), 'utf8');
      if (!text.includes('urn:oasis:names:specification:ubl:schema:xsd:')) continue;
      const expected = [...e.fatal, ...e.warning].filter((id) => id.startsWith('UBL-')).sort();
      const got = [...judge(join('examples', e.file))].sort();
      if (got.join() !== expected.join())
        bad.push(`${e.file}: got [${got}] expected [${expected}]`);
    }
    expect(bad).toEqual([]);
  });
});
