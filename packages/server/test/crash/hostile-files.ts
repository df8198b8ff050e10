/**
 * Builders of the hostile-input corpus (hostile-corpus.test.ts): crafted XML, PDF, zip and
 * tar.gz files made in code, deterministically (a seeded generator where bytes must look
 * random), so no binary fixture is committed. Each writer lays the bytes out by hand so that
 * it can lie where an attacker would: declared sizes, shared data, link modes, loops.
 */
import { crc32, deflateRawSync, deflateSync, gzipSync } from 'node:zlib';

/** Mulberry32: a small seeded generator, the same bytes on every run. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function randomBytes(seed: number, length: number): Buffer {
  const next = seeded(seed);
  const out = Buffer.alloc(length);
  for (let i = 0; i < length; i++) out[i] = Math.floor(next() * 256);
  return out;
}

// ---- XML ----------------------------------------------------------------------------------

const UBL_NS = 'urn:oasis:names:specification:ubl:schema:xsd:Invoice-2';

export const xml = {
  billionLaughs(): Buffer {
    let dtd = '<!ENTITY lol0 "lol">\n';
    for (let i = 1; i <= 10; i++) {
      dtd += `<!ENTITY lol${i} "${`&lol${i - 1};`.repeat(10)}">\n`;
    }
    return Buffer.from(
      `<?xml version="1.0"?>\n<!DOCTYPE Invoice [\n${dtd}]>\n<Invoice xmlns="${UBL_NS}"><cbc:ID xmlns:cbc="x">&lol10;</cbc:ID></Invoice>`,
    );
  },
  externalEntity(): Buffer {
    return Buffer.from(
      `<?xml version="1.0"?>\n<!DOCTYPE Invoice [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n<Invoice xmlns="${UBL_NS}"><ID>&xxe;</ID></Invoice>`,
    );
  },
  externalDtd(): Buffer {
    return Buffer.from(
      `<?xml version="1.0"?>\n<!DOCTYPE Invoice SYSTEM "http://127.0.0.1:9/evil.dtd">\n<Invoice xmlns="${UBL_NS}"><ID>1</ID></Invoice>`,
    );
  },
  parameterEntity(): Buffer {
    return Buffer.from(
      `<?xml version="1.0"?>\n<!DOCTYPE Invoice [<!ENTITY % remote SYSTEM "http://127.0.0.1:9/x"> %remote;]>\n<Invoice xmlns="${UBL_NS}"/>`,
    );
  },
  /** A well-formed invoice with a harmless internal DOCTYPE before it. */
  doctype(valid: Uint8Array): Buffer {
    const text = Buffer.from(valid).toString('utf8');
    const at = text.indexOf('<Invoice');
    return Buffer.from(
      `${text.slice(0, at)}<!DOCTYPE Invoice [<!ELEMENT x ANY>]>\n${text.slice(at)}`,
    );
  },
  deep(depth: number): Buffer {
    return Buffer.from(
      `<?xml version="1.0"?><Invoice xmlns="${UBL_NS}">${'<a>'.repeat(depth)}x${'</a>'.repeat(depth)}</Invoice>`,
    );
  },
  hugeAttribute(bytes: number): Buffer {
    return Buffer.from(
      `<?xml version="1.0"?><Invoice xmlns="${UBL_NS}" note="${'A'.repeat(bytes)}"><ID>1</ID></Invoice>`,
    );
  },
  manyAttributes(count: number): Buffer {
    let attrs = '';
    for (let i = 0; i < count; i++) attrs += ` a${i}="${i}"`;
    return Buffer.from(`<?xml version="1.0"?><Invoice xmlns="${UBL_NS}"${attrs}/>`);
  },
  /** A valid invoice whose note holds a text node of `bytes` characters. */
  hugeText(valid: Uint8Array, bytes: number): Buffer {
    const text = Buffer.from(valid).toString('utf8');
    const at = text.indexOf('<cbc:IssueDate>');
    return Buffer.from(
      `${text.slice(0, at)}<cbc:Note>${'x'.repeat(bytes)}</cbc:Note>${text.slice(at)}`,
    );
  },
  /** A valid invoice with a byte sequence that is not UTF-8 inside a name. */
  invalidUtf8(valid: Uint8Array): Buffer {
    const text = Buffer.from(valid);
    const at = text.indexOf('<cbc:Name>') + '<cbc:Name>'.length;
    return Buffer.concat([
      text.subarray(0, at),
      Buffer.from([0xc3, 0x28, 0xff, 0xfe]),
      text.subarray(at),
    ]);
  },
  /** The valid invoice encoded as UTF-16LE, with no byte order mark (nor a declaration saying so). */
  utf16NoBom(valid: Uint8Array): Buffer {
    return Buffer.from(Buffer.from(valid).toString('utf8'), 'utf16le');
  },
  bomOnly(): Buffer {
    return Buffer.from([0xef, 0xbb, 0xbf]);
  },
  truncated(valid: Uint8Array): Buffer {
    return Buffer.from(valid.subarray(0, Math.floor(valid.length / 2)));
  },
  notAnInvoice(): Buffer {
    return Buffer.from(
      '<?xml version="1.0"?><Order xmlns="urn:oasis:names:specification:ubl:schema:xsd:Order-2"><ID>1</ID></Order>',
    );
  },
  /** The invoice's elements with the UBL names, but in another namespace. */
  wrongNamespace(valid: Uint8Array): Buffer {
    return Buffer.from(
      Buffer.from(valid).toString('utf8').replaceAll(UBL_NS, 'urn:evil:Invoice-2'),
    );
  },
  /** The UBL namespace bound to a prefix that is then rebound inside the document. */
  reboundPrefix(): Buffer {
    return Buffer.from(
      `<?xml version="1.0"?><u:Invoice xmlns:u="${UBL_NS}"><u:ID xmlns:u="urn:evil">1</u:ID><u:IssueDate xmlns:u="">2026-01-01</u:IssueDate></u:Invoice>`,
    );
  },
  undeclaredPrefix(): Buffer {
    return Buffer.from('<?xml version="1.0"?><x:Invoice><y:ID>1</y:ID></x:Invoice>');
  },
  empty(): Buffer {
    return Buffer.alloc(0);
  },
};

// ---- PDF ----------------------------------------------------------------------------------

/** A PDF from object bodies (object i + 1 is `objects[i]`), with a correct xref unless asked. */
export function pdfOf(
  objects: (string | Buffer)[],
  options: { trailer?: string; xref?: string; header?: string } = {},
): Buffer {
  const chunks: Buffer[] = [
    Buffer.from(options.header ?? '%PDF-1.7\n%\xe2\xe3\xcf\xd3\n', 'latin1'),
  ];
  let length = chunks[0]!.length;
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(length);
    const part = Buffer.concat([
      Buffer.from(`${i + 1} 0 obj\n`),
      typeof o === 'string' ? Buffer.from(o, 'latin1') : o,
      Buffer.from('\nendobj\n'),
    ]);
    chunks.push(part);
    length += part.length;
  });
  let xref = `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const o of offsets) xref += `${String(o).padStart(10, '0')} 00000 n \n`;
  const trailer = options.trailer ?? `<< /Size ${objects.length + 1} /Root 1 0 R >>`;
  chunks.push(
    Buffer.from(`${options.xref ?? xref}trailer\n${trailer}\nstartxref\n${length}\n%%EOF\n`),
  );
  return Buffer.concat(chunks);
}

const page = [
  '<< /Type /Catalog /Pages 2 0 R >>',
  '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
  '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>',
];

/** A stream object: `dict` entries, the data, and a /Length that may lie. */
function stream(dict: string, data: Buffer, length = data.length): Buffer {
  return Buffer.concat([
    Buffer.from(`<< ${dict} /Length ${length} >>\nstream\n`),
    data,
    Buffer.from('\nendstream'),
  ]);
}

/** A Factur-X-shaped PDF: the catalog names an embedded factur-x.xml (object 5). */
function withEmbedded(embedded: Buffer): Buffer {
  return pdfOf([
    '<< /Type /Catalog /Pages 2 0 R /Names << /EmbeddedFiles << /Names [(factur-x.xml) 4 0 R] >> >> /AF [4 0 R] >>',
    page[1]!,
    page[2]!,
    '<< /Type /Filespec /F (factur-x.xml) /UF (factur-x.xml) /AFRelationship /Alternative /EF << /F 5 0 R /UF 5 0 R >> >>',
    embedded,
  ]);
}

export const pdf = {
  truncated(valid: Uint8Array): Buffer {
    return Buffer.from(valid.subarray(0, Math.floor(valid.length * 0.6)));
  },
  encrypted(): Buffer {
    return pdfOf([...page, '<< /Filter /Standard /V 2 /R 3 /Length 128 /O <00> /U <00> /P -4 >>'], {
      trailer: '<< /Size 5 /Root 1 0 R /Encrypt 4 0 R /ID [<00><00>] >>',
    });
  },
  hugeXrefCount(): Buffer {
    return pdfOf(page, {
      xref: 'xref\n0 99999999\n0000000000 65535 f \n',
      trailer: '<< /Size 99999999 /Root 1 0 R >>',
    });
  },
  /** An object stream extending itself, and a page tree whose kid is its own parent. */
  loops(): Buffer {
    const objStm = stream('/Type /ObjStm /N 1 /First 4 /Extends 4 0 R', Buffer.from('5 0 << >>'));
    return pdfOf([
      '<< /Type /Catalog /Pages 2 0 R >>',
      '<< /Type /Pages /Kids [2 0 R 3 0 R] /Count 2 >>',
      '<< /Type /Page /Parent 3 0 R /Kids [2 0 R] >>',
      objStm,
    ]);
  },
  /** An xref section whose /Prev points back at itself. */
  xrefLoop(): Buffer {
    const body = pdfOf(page);
    const text = body.toString('latin1');
    const start = Number(/startxref\n(\d+)/.exec(text)![1]);
    return Buffer.from(text.replace('/Root 1 0 R >>', `/Root 1 0 R /Prev ${start} >>`), 'latin1');
  },
  lyingLength(): Buffer {
    return pdfOf([...page, stream('', Buffer.from('BT ET'), 999_999_999)]);
  },
  embeddedXml(content: Buffer): Buffer {
    return withEmbedded(stream('/Type /EmbeddedFile /Subtype /text#2Fxml', content));
  },
  /** factur-x.xml as a deflate stream of `bytes` zeros: a few KB that inflate to `bytes`. */
  embeddedBomb(bytes: number): Buffer {
    const zeros = Buffer.alloc(bytes, 0x20);
    return withEmbedded(
      stream('/Type /EmbeddedFile /Subtype /text#2Fxml /Filter /FlateDecode', deflateSync(zeros)),
    );
  },
  garbage(): Buffer {
    return Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(1817, 200_000)]);
  },
};

// ---- zip ----------------------------------------------------------------------------------

export interface ZipMember {
  name: string;
  /** The bytes as they sit in the archive (compressed when method is 8). */
  data: Buffer;
  method: 0 | 8;
  crc: number;
  /** The uncompressed size the headers declare. */
  size: number;
  /** Unix mode (file type and permissions), written as the external attributes. */
  mode?: number;
}

export function stored(name: string, content: Uint8Array, mode?: number): ZipMember {
  const data = Buffer.from(content);
  return { name, data, method: 0, crc: crc32(data), size: data.length, mode };
}

export function deflated(name: string, content: Uint8Array): ZipMember {
  const data = Buffer.from(content);
  return { name, data: deflateRawSync(data), method: 8, crc: crc32(data), size: data.length };
}

function u16(n: number): Buffer {
  const b = Buffer.alloc(2);
  b.writeUInt16LE(n);
  return b;
}
function u32(n: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32LE(n >>> 0);
  return b;
}

/**
 * A zip of `members`. `central` lists, for each central directory record, the member it
 * describes and the name it gives: by default one record per member under its own name;
 * several records naming the same member make entries that share data (overlap).
 */
export function zipOf(members: ZipMember[], central?: { member: number; name: string }[]): Buffer {
  const chunks: Buffer[] = [];
  const offsets: number[] = [];
  let at = 0;
  for (const m of members) {
    const name = Buffer.from(m.name);
    const head = Buffer.concat([
      u32(0x04034b50),
      u16(20),
      u16(0x0800),
      u16(m.method),
      u16(0),
      u16(0x21),
      u32(m.crc),
      u32(m.data.length),
      u32(m.size),
      u16(name.length),
      u16(0),
      name,
    ]);
    offsets.push(at);
    chunks.push(head, m.data);
    at += head.length + m.data.length;
  }
  const records = central ?? members.map((m, i) => ({ member: i, name: m.name }));
  const cd: Buffer[] = [];
  for (const r of records) {
    const m = members[r.member]!;
    const name = Buffer.from(r.name);
    cd.push(
      u32(0x02014b50),
      u16(m.mode === undefined ? 20 : 0x0314),
      u16(20),
      u16(0x0800),
      u16(m.method),
      u16(0),
      u16(0x21),
      u32(m.crc),
      u32(m.data.length),
      u32(m.size),
      u16(name.length),
      u16(0),
      u16(0),
      u16(0),
      u16(0),
      u32(m.mode === undefined ? 0 : m.mode * 0x10000),
      u32(offsets[r.member]!),
      name,
    );
  }
  const directory = Buffer.concat(cd);
  const end = Buffer.concat([
    u32(0x06054b50),
    u16(0),
    u16(0),
    u16(records.length),
    u16(records.length),
    u32(directory.length),
    u32(at),
    u16(0),
  ]);
  return Buffer.concat([...chunks, directory, end]);
}

// ---- tar.gz -------------------------------------------------------------------------------

export interface TarMember {
  name: string;
  content?: Buffer;
  /** '0' file, '2' symlink, '5' directory… */
  type?: string;
  link?: string;
  /** The size the header declares, when it must differ from the content's. */
  size?: number;
}

function tarHeader(m: TarMember, size: number): Buffer {
  const h = Buffer.alloc(512);
  h.write(m.name, 0, 100, 'utf8');
  h.write('0000644\0', 100, 'ascii');
  h.write('0000000\0', 108, 'ascii');
  h.write('0000000\0', 116, 'ascii');
  h.write(`${size.toString(8).padStart(11, '0')}\0`, 124, 'ascii');
  h.write('00000000000\0', 136, 'ascii');
  h.write('        ', 148, 'ascii');
  h.write(m.type ?? '0', 156, 'ascii');
  if (m.link) h.write(m.link, 157, 100, 'utf8');
  h.write('ustar\0', 257, 'ascii');
  h.write('00', 263, 'ascii');
  let sum = 0;
  for (const b of h) sum += b;
  h.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 'ascii');
  return h;
}

/** The tar (uncompressed) of `members`, padded to 512-byte blocks and closed. */
export function tarOf(members: TarMember[]): Buffer {
  const chunks: Buffer[] = [];
  for (const m of members) {
    const content = m.content ?? Buffer.alloc(0);
    chunks.push(tarHeader(m, m.size ?? content.length), content);
    const pad = (512 - (content.length % 512)) % 512;
    chunks.push(Buffer.alloc(pad));
  }
  chunks.push(Buffer.alloc(1024));
  return Buffer.concat(chunks);
}

export const tarGz = (members: TarMember[]): Buffer => gzipSync(tarOf(members));
