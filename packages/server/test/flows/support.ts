/**
 * Flow test helpers: deposits through the HTTP API (raw body or multipart), an in-memory entry
 * source standing in for the archive reader, and direct runs of the integration.
 */
import type { LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import type { FlowEntryItem, FlowEntrySource } from '../../src/flows/entries.js';
import { integrateFlow } from '../../src/flows/integrate-flow.js';
import { localFileStore } from '../../src/storage/local-file-store.js';
import type { TestApp } from '../support/app.js';
import { multipart } from '../support/invoices.js';
import { call, type Caller } from '../support/personas.js';

export interface Deposited {
  id: string;
  numeroFluxDepot: string;
  etat: string;
  dateDepot: string;
}

export function depositRaw(
  t: TestApp,
  who: Caller,
  bytes: Uint8Array,
  query: { syntaxeFlux: string; nomFichier: string },
  headers: Record<string, string> = {},
): Promise<LightMyRequestResponse> {
  return call(t, who, {
    method: 'POST',
    url: `/api/v1/flows?${new URLSearchParams(query).toString()}`,
    payload: Buffer.from(bytes),
    headers: { 'content-type': 'application/octet-stream', ...headers },
  });
}

export function depositMultipart(
  t: TestApp,
  who: Caller,
  bytes: Uint8Array,
  fields: { syntaxeFlux: string; nomFichier: string },
): Promise<LightMyRequestResponse> {
  const body = multipart([
    { name: 'syntaxeFlux', value: fields.syntaxeFlux },
    { name: 'nomFichier', value: fields.nomFichier },
    { name: 'flow', filename: fields.nomFichier, contentType: 'application/xml', value: bytes },
  ]);
  return call(t, who, {
    method: 'POST',
    url: '/api/v1/flows',
    payload: body.payload,
    headers: body.headers,
  });
}

export function accepted(res: LightMyRequestResponse): Deposited {
  expect(res.statusCode, res.body).toBe(202);
  return res.json<Deposited>();
}

/** The bytes of a zip's first four bytes: what makes the integration ask the archive reader. */
export const ZIP_HEAD = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0, 0, 0, 0]);

/**
 * An archive reader double: the entries of each flow are given by the test (keyed by a marker
 * written after the zip signature), optionally failing after some of them.
 */
export class FakeArchives implements FlowEntrySource {
  readonly flows = new Map<string, { entries: FlowEntryItem[]; failAfter?: number }>();

  archive(marker: string, entries: FlowEntryItem[]): Uint8Array {
    this.flows.set(marker, { entries });
    return new Uint8Array([...ZIP_HEAD, ...new TextEncoder().encode(marker)]);
  }

  read(input: {
    files: ReturnType<typeof localFileStore>;
    key: string;
  }): AsyncIterable<FlowEntryItem> {
    const flows = this.flows;
    return (async function* () {
      const chunks: Buffer[] = [];
      for await (const c of input.files.open(input.key) as AsyncIterable<Buffer>) chunks.push(c);
      const marker = Buffer.concat(chunks).subarray(ZIP_HEAD.length).toString('utf8');
      const flow = flows.get(marker)!;
      for (const [i, e] of flow.entries.entries()) {
        if (flow.failAfter !== undefined && i >= flow.failAfter) throw new Error('disk went away');
        yield e;
      }
    })();
  }

  refusalOf(): undefined {
    return undefined;
  }
}

export function integrate(
  t: TestApp,
  flowId: string,
  extra: Partial<Parameters<typeof integrateFlow>[0]> = {},
) {
  return integrateFlow({
    db: t.database.db,
    files: localFileStore(t.config.filesDir),
    flowId,
    ...extra,
  });
}

export const xmlEntry = (
  index: number,
  bytes: Uint8Array,
  name = `facture-${index}.xml`,
): FlowEntryItem => ({
  index,
  name,
  bytes,
  kind: 'xml',
});
