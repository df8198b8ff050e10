import { GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { createHash, randomBytes } from 'node:crypto';
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openVerified } from '../../src/storage/file-store.js';
import { parseStorageUrl } from '../../src/storage/open-file-store.js';
import { startS3 } from './s3-support.js';

// The S3 store against a real S3-compatible server (s3rver), path-style: what the seam promises
// (storage/file-store.ts) holds for it as for the local store.
let s3: Awaited<ReturnType<typeof startS3>>;
beforeAll(async () => {
  s3 = await startS3();
});
afterAll(() => s3.close());

const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream as AsyncIterable<Buffer>) chunks.push(chunk);
  return Buffer.concat(chunks);
}

const drain = (stream: Readable) =>
  pipeline(stream, new Writable({ write: (_c, _e, done) => done() }));

describe('S3 file store (s3rver)', () => {
  it('stores bytes and a stream (multipart beyond 8 MB) with their size and SHA-256', async () => {
    const files = s3.store('tenant-a');
    const small = randomBytes(1000);
    expect(await files.put('flows/2026/12/small', small)).toEqual({
      size: 1000,
      sha256: sha(small),
    });
    expect(sha(await readAll(files.open('flows/2026/12/small')))).toBe(sha(small));
    // 9 MB in 1 MB chunks: two parts of a multipart upload.
    const chunks = Array.from({ length: 9 }, () => randomBytes(1024 * 1024));
    const whole = Buffer.concat(chunks);
    const stored = await files.put('flows/2026/12/large', Readable.from(chunks));
    expect(stored).toEqual({ size: whole.length, sha256: sha(whole) });
    expect(sha(await readAll(openVerified(files, 'flows/2026/12/large', stored)))).toBe(sha(whole));
    // Under the prefix in the bucket, listed without it.
    const listed = [];
    for await (const o of files.list!()) listed.push(o.key);
    expect(listed.sort()).toEqual(['flows/2026/12/large', 'flows/2026/12/small']);
    await expect(files.check!()).resolves.toBeUndefined();
  }, 60_000);

  it('stores nothing when a put is refused for its size or its source fails', async () => {
    const files = s3.store('tenant-b');
    await expect(
      files.put('too/large', Readable.from([randomBytes(600), randomBytes(600)]), {
        maxBytes: 1000,
      }),
    ).rejects.toMatchObject({ code: 'PAYLOAD_TOO_LARGE' });
    const failing = new Readable({
      read() {
        this.push(randomBytes(100));
        this.destroy(new Error('client went away'));
      },
    });
    await expect(files.put('cut/short', failing)).rejects.toThrow('client went away');
    const listed = [];
    for await (const o of files.list!()) listed.push(o.key);
    expect(listed).toEqual([]);
  });

  it('says ENOENT for a missing key, and removing one is not an error', async () => {
    const files = s3.store();
    const error = await drain(files.open('no/such/key')).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'ENOENT' });
    await expect(files.remove('no/such/key')).resolves.toBeUndefined();
    await files.put('to/remove', Buffer.from('x'));
    await files.remove('to/remove');
    expect(await drain(files.open('to/remove')).catch((e: unknown) => e)).toMatchObject({
      code: 'ENOENT',
    });
  });

  it('refuses a download whose bytes changed in the store (checked against the SHA-256)', async () => {
    const files = s3.store('tenant-c');
    const original = Buffer.from('<Invoice>the original</Invoice>');
    const stored = await files.put('flows/x', original);
    // Someone with access to the bucket changes the object behind the platform's back.
    await files.client.send(
      new PutObjectCommand({
        Bucket: s3.bucket,
        Key: 'tenant-c/flows/x',
        Body: Buffer.from('<Invoice>the forgery!</Invoice>'),
      }),
    );
    const forged = await files.client.send(
      new GetObjectCommand({ Bucket: s3.bucket, Key: 'tenant-c/flows/x' }),
    );
    expect((await forged.Body!.transformToString()).length).toBe(original.length);
    await expect(drain(openVerified(files, 'flows/x', stored))).rejects.toMatchObject({
      code: 'ECHECKSUM',
    });
    // Cut short: refused too.
    await files.put('flows/x', original.subarray(0, 10));
    await expect(drain(openVerified(files, 'flows/x', stored))).rejects.toMatchObject({
      code: 'ECHECKSUM',
    });
  });

  it('reads STORAGE_URL, refusing credentials in it and unknown parameters', () => {
    expect(
      parseStorageUrl('s3://chorale-files/prod/eu?endpoint=http://minio:9000&region=eu-west-3'),
    ).toEqual({
      bucket: 'chorale-files',
      prefix: 'prod/eu',
      endpoint: 'http://minio:9000',
      region: 'eu-west-3',
      forcePathStyle: true,
    });
    expect(parseStorageUrl('s3://chorale-files')).toMatchObject({
      prefix: '',
      endpoint: undefined,
      forcePathStyle: false,
    });
    expect(() => parseStorageUrl('s3://key:secret@chorale-files')).toThrow(/credentials/);
    expect(() => parseStorageUrl('s3://chorale-files?bucket_policy=x')).toThrow(/unknown/);
    expect(() => parseStorageUrl('https://chorale-files')).toThrow(/s3:\/\//);
    expect(() => parseStorageUrl('s3://x')).toThrow(/bucket name/);
  });
});
