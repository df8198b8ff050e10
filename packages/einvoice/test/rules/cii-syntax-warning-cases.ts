/** CII syntax warnings outside the "should not be present" table: one case each. */
import {
  ram,
  setAttr,
  removeChildren,
  at,
  type Case,
  headerTax,
  grossPriceCharge,
} from './cii-syntax-support.js';

export const WARNING_CASES: Case[] = [
  {
    id: 'CII-SR-003',
    fire: (b) => {
      ram(ram(b.docctx, 'BusinessProcessSpecifiedDocumentContextParameter'), 'ID', 'A');
      ram(ram(b.docctx, 'BusinessProcessSpecifiedDocumentContextParameter'), 'ID', 'B');
    },
    pass: (b) => ram(ram(b.docctx, 'BusinessProcessSpecifiedDocumentContextParameter'), 'ID', 'A'),
  },
  {
    id: 'CII-SR-030',
    fire: (b) => ram(at(b.doc, 'IncludedNote'), 'Content', 'more'),
  },
  {
    id: 'CII-SR-039',
    fire: (b) => {
      ram(ram(b.linedoc, 'IncludedNote'), 'Content', 'a');
      ram(ram(b.linedoc, 'IncludedNote'), 'Content', 'b');
    },
    pass: (b) => ram(ram(b.linedoc, 'IncludedNote'), 'Content', 'a'),
  },
  {
    id: 'CII-SR-040',
    fire: (b) => {
      const note = ram(b.linedoc, 'IncludedNote');
      ram(note, 'Content', 'a');
      ram(note, 'Content', 'b');
    },
    pass: (b) => ram(ram(b.linedoc, 'IncludedNote'), 'Content', 'a'),
  },
  {
    id: 'CII-SR-119',
    fire: (b) => grossPriceCharge(b, 'true', 1),
    pass: (b) => grossPriceCharge(b, ' false ', 1),
  },
  {
    id: 'CII-SR-449',
    fire: (b) => {
      const p = ram(b.hdel, 'ShipToTradeParty');
      ram(p, 'ID', '1');
      ram(p, 'GlobalID', '5400000000001', { schemeID: '0088' });
    },
    pass: (b) => ram(ram(b.hdel, 'ShipToTradeParty'), 'ID', '1'),
  },
  {
    id: 'CII-SR-450',
    fire: (b) => ram(b.buyer, 'GlobalID', '5400000000001', { schemeID: '0088' }),
    pass: (b) => removeChildren(b.buyer, 'ID'),
  },
  {
    id: 'CII-SR-451',
    fire: (b) => {
      const p = ram(b.hset, 'PayeeTradeParty');
      ram(p, 'ID', '1');
      ram(p, 'GlobalID', '5400000000001', { schemeID: '0088' });
      ram(p, 'Name', 'Payee');
    },
    pass: (b) => {
      const p = ram(b.hset, 'PayeeTradeParty');
      ram(p, 'GlobalID', '5400000000001', { schemeID: '0088' });
      ram(p, 'Name', 'Payee');
    },
  },
  {
    id: 'CII-SR-452',
    fire: (b) => ram(ram(b.hset, 'SpecifiedTradePaymentTerms'), 'Description', '14 days'),
  },
  {
    id: 'CII-SR-453',
    fire: (b) => {
      const terms = at(b.hset, 'SpecifiedTradePaymentTerms');
      ram(terms, 'Description', '14 days');
      ram(terms, 'Description', 'net');
    },
    pass: (b) => ram(at(b.hset, 'SpecifiedTradePaymentTerms'), 'Description', '14 days'),
  },
  { id: 'CII-SR-454', fire: (b) => removeChildren(b.lset, 'ApplicableTradeTax') },
  ...(
    [
      ['CII-SR-457', '50'],
      ['CII-SR-458', '130'],
    ] as const
  ).map(([id, code]): Case => ({
    id,
    fire: (b) => {
      for (const n of ['1', '2']) {
        const d = ram(b.hagr, 'AdditionalReferencedDocument');
        ram(d, 'IssuerAssignedID', n);
        ram(d, 'TypeCode', code);
      }
    },
    pass: (b) => {
      // XPath = does not trim: a padded code is another value.
      for (const [n, c] of [
        ['1', code],
        ['2', ` ${code}`],
      ] as const) {
        const d = ram(b.hagr, 'AdditionalReferencedDocument');
        ram(d, 'IssuerAssignedID', n);
        ram(d, 'TypeCode', c);
      }
    },
  })),
  {
    id: 'CII-SR-465',
    fire: (b) => {
      const c = ram(b.seller, 'DefinedTradeContact');
      ram(c, 'PersonName', 'A');
      ram(c, 'DepartmentName', 'Sales');
    },
    pass: (b) => ram(ram(b.seller, 'DefinedTradeContact'), 'DepartmentName', 'Sales'),
  },
  {
    id: 'CII-SR-466',
    fire: (b) => ram(at(b.buyer, 'DefinedTradeContact'), 'DepartmentName', 'Purchasing'),
  },
  {
    id: 'CII-SR-474',
    fire: (b) => {
      for (const n of ['1', '2']) {
        const d = ram(b.lset, 'AdditionalReferencedDocument');
        ram(d, 'IssuerAssignedID', n);
        ram(d, 'TypeCode', n === '1' ? '130' : ' 130 ');
      }
    },
    pass: (b) => {
      const d = ram(b.lset, 'AdditionalReferencedDocument');
      ram(d, 'IssuerAssignedID', '1');
      ram(d, 'TypeCode', '130');
    },
  },
  ...(
    [
      ['CII-SR-475', 'Name'],
      ['CII-SR-476', 'AttachmentBinaryObject'],
    ] as const
  ).map(([id, local]): Case => ({
    id,
    fire: (b) => {
      for (const n of ['1', '2']) {
        const d = ram(b.hagr, 'AdditionalReferencedDocument');
        ram(d, 'IssuerAssignedID', n);
        ram(d, 'TypeCode', '916');
        ram(
          d,
          local,
          'x',
          local === 'Name' ? {} : { mimeCode: 'application/pdf', filename: 'a.pdf' },
        );
      }
    },
    pass: (b) => {
      const d = ram(b.hagr, 'AdditionalReferencedDocument');
      ram(d, 'IssuerAssignedID', '1');
      ram(d, 'TypeCode', '916');
      ram(
        d,
        local,
        'x',
        local === 'Name' ? {} : { mimeCode: 'application/pdf', filename: 'a.pdf' },
      );
    },
  })),
  ...['listID', 'listAgencyID', 'listVersionID', 'listURI'].map((attr, i): Case => ({
    id: `CII-DT-04${5 + i}`,
    fire: (b) => setAttr(at(b.lset, 'ApplicableTradeTax', 'CategoryCode'), attr, 'x'),
    pass: (b) => setAttr(at(headerTax(b, 0), 'CategoryCode'), attr, 'x'),
  })),
];
