/**
 * Flow test helpers: deposits through the HTTP API (raw body or multipart), real archives, and
 * direct runs of the integration with the real archive reader.
 */
import type { LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import { archiveEntrySource } from '../../src/flows/archive-source.js';
import type { FlowEntryItem, FlowEntrySource } from '../../src/flows/entries.js';
import { integrateFlow } from '../../src/flows/integrate-flow.js';
import { localFileStore } from '../../src/storage/local-file-store.js';
import type { TestApp } from '../support/app.js';
import { multipart } from '../support/invoices.js';
import { call, type Caller } from '../support/personas.js';
import { yazlZip } from './archive-support.js';

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

/** The real archive reader, as runtime.ts gives it to the worker. */
export const realArchives = archiveEntrySource();

/**
 * The real reader that fails with a technical error (not a refusal) once `failAfter` entries
 * were yielded: a disk going away mid-read, which a real archive cannot be made to do on
 * demand. The only stand-in left; every archive the tests integrate is a real zip or tar.gz.
 */
export class FailingArchives implements FlowEntrySource {
  failAfter: number | undefined;

  read(input: Parameters<FlowEntrySource['read']>[0]): AsyncIterable<FlowEntryItem> {
    const failAfter = this.failAfter;
    return (async function* () {
      let yielded = 0;
      for await (const entry of realArchives.read(input)) {
        if (failAfter !== undefined && yielded >= failAfter) throw new Error('disk went away');
        yield entry;
        yielded++;
      }
    })();
  }

  refusalOf(error: unknown) {
    return realArchives.refusalOf(error);
  }
}

/** A well-formed zip of the given files (yazl), entries in that order. */
export const zipOf = (files: readonly { name: string; bytes: Uint8Array }[]) => yazlZip(files);

export function integrate(
  t: TestApp,
  flowId: string,
  extra: Partial<Parameters<typeof integrateFlow>[0]> = {},
) {
  return integrateFlow({
    db: t.database.db,
    files: localFileStore(t.config.filesDir),
    flowId,
    archives: realArchives,
    ...extra,
  });
}
