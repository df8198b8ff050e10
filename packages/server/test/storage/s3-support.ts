/**
 * A real S3-compatible server for the storage tests: s3rver (an npm package, in-process, on an
 * ephemeral port, its objects in a temporary folder; decision 0020), a bucket, and the store
 * pointed at it path-style as a self-hosted store would be.
 */
import { CreateBucketCommand } from '@aws-sdk/client-s3';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import S3rver from 's3rver';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/http/app.js';
import { createMailer } from '../../src/lib/mailer.js';
import type { FileStore } from '../../src/storage/file-store.js';
import type { TestApp } from '../support/app.js';
import { s3FileStore } from '../../src/storage/s3-file-store.js';

export const TEST_CREDENTIALS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };

export async function startS3(bucket = 'chorale-test') {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'chorale-s3-'));
  const server = new S3rver({ port: 0, address: '127.0.0.1', silent: true, directory });
  const address = (await server.run()) as { port: number };
  const endpoint = `http://127.0.0.1:${address.port}`;
  const store = (prefix = '') =>
    s3FileStore({
      bucket,
      prefix,
      endpoint,
      region: 'us-east-1',
      forcePathStyle: true,
      credentials: TEST_CREDENTIALS,
    });
  await store().client.send(new CreateBucketCommand({ Bucket: bucket }));
  return {
    endpoint,
    bucket,
    store,
    close: async () => {
      await server.close();
      fs.rmSync(directory, { recursive: true, force: true });
    },
  };
}

/**
 * The platform as a second process with STORAGE_URL set would run it: another app on the test
 * app's database, its files in `files` (an S3 store above).
 */
export function appWithStore(t: TestApp, files: FileStore): Promise<FastifyInstance> {
  return buildApp({
    deps: {
      db: t.database.db,
      dbKind: t.database.kind,
      config: t.config,
      mailer: createMailer({ smtpUrl: undefined, from: t.config.mailFrom, log: () => {} }),
      files,
    },
    cookieSecret: 'test-cookie-secret-test-cookie-secret',
    logger: false,
  });
}
