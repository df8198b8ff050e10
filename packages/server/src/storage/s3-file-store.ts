/**
 * Files in an S3-compatible object store (decision 0020): AWS S3, or a self-hosted store
 * (MinIO, Garage, Ceph…) reached by an endpoint URL and path-style addresses. Chosen by
 * STORAGE_URL (storage/open-file-store.ts); the local store stays the default.
 *
 * A put streams the bytes through a meter (size, SHA-256, the size limit) into the SDK's
 * managed upload: one PutObject for a small file, a multipart upload in 8 MB parts beyond, so
 * memory stays at a few parts whatever the size. An object appears under its key only once the
 * upload completes (S3 publishes a key atomically); a failed or refused upload is aborted and
 * leaves nothing under the key (lib-storage aborts the multipart upload on error).
 */
import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadBucketCommand,
  ListObjectsV2Command,
  S3Client,
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { createHash } from 'node:crypto';
import { PassThrough, Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import {
  checkKey,
  tooLarge,
  type FileStore,
  type ListedObject,
  type PutOptions,
  type StoredObject,
} from './file-store.js';

export interface S3Location {
  bucket: string;
  /** Keys are stored under this prefix (no leading or trailing slash); '' for none. */
  prefix: string;
  /** A self-hosted store's URL (http://minio:9000); unset for AWS S3 itself. */
  endpoint: string | undefined;
  region: string;
  /** Path-style addresses (endpoint/bucket/key): what self-hosted stores expect. */
  forcePathStyle: boolean;
  /** Explicit keys (tests); otherwise the SDK's own chain (AWS_ACCESS_KEY_ID…, roles). */
  credentials?: { accessKeyId: string; secretAccessKey: string };
}

const PART_BYTES = 8 * 1024 * 1024;

export function s3FileStore(location: S3Location): FileStore & { client: S3Client } {
  const client = new S3Client({
    region: location.region,
    ...(location.endpoint ? { endpoint: location.endpoint } : {}),
    forcePathStyle: location.forcePathStyle,
    ...(location.credentials ? { credentials: location.credentials } : {}),
    // Checksums of our own (SHA-256 of the whole file) are kept in the database; the SDK's
    // per-request CRC is asked only where the store requires it, as older stores refuse it.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
  const Bucket = location.bucket;
  const objectKey = (key: string) => {
    checkKey(key);
    return location.prefix ? `${location.prefix}/${key}` : key;
  };

  return {
    client,

    async put(key, content, options: PutOptions = {}): Promise<StoredObject> {
      const Key = objectKey(key);
      const hash = createHash('sha256');
      let size = 0;
      const max = options.maxBytes ?? Number.POSITIVE_INFINITY;
      const meter = new Transform({
        transform(chunk: Buffer, _encoding, done) {
          size += chunk.length;
          if (size > max) {
            done(tooLarge(max));
            return;
          }
          hash.update(chunk);
          done(null, chunk);
        },
      });
      const source =
        content instanceof Uint8Array ? Readable.from([Buffer.from(content)]) : content;
      const body = new PassThrough();
      const upload = new Upload({
        client,
        params: { Bucket, Key, Body: body },
        partSize: PART_BYTES,
        queueSize: 2,
        leavePartsOnError: false,
      });
      const feeding = pipeline(source, meter, body);
      try {
        // The upload fails when the feed does (the body stream errors); both are awaited so
        // neither rejection goes unheard.
        const [fed, uploaded] = await Promise.allSettled([feeding, upload.done()]);
        if (fed.status === 'rejected') throw fed.reason;
        if (uploaded.status === 'rejected') throw uploaded.reason;
      } catch (error) {
        await upload.abort().catch(() => undefined);
        if (!(content instanceof Uint8Array)) content.destroy();
        throw error;
      }
      return { size, sha256: hash.digest('hex') };
    },

    open(key) {
      const out = new PassThrough();
      let Key: string;
      try {
        Key = objectKey(key);
      } catch (error) {
        process.nextTick(() => out.destroy(error as Error));
        return out;
      }
      client.send(new GetObjectCommand({ Bucket, Key })).then(
        (answer) => {
          pipeline(answer.Body as Readable, out).catch((error: unknown) =>
            out.destroy(error as Error),
          );
        },
        (error: unknown) => out.destroy(missingOr(error, key)),
      );
      return out;
    },

    async remove(key) {
      // Deleting a key that is not there succeeds in S3: nothing there is not an error.
      await client.send(new DeleteObjectCommand({ Bucket, Key: objectKey(key) }));
    },

    async check() {
      await client.send(new HeadBucketCommand({ Bucket }));
    },

    async *list(): AsyncIterable<ListedObject> {
      const Prefix = location.prefix ? `${location.prefix}/` : undefined;
      let ContinuationToken: string | undefined;
      do {
        const page = await client.send(
          new ListObjectsV2Command({ Bucket, Prefix, ContinuationToken, MaxKeys: 1000 }),
        );
        for (const object of page.Contents ?? []) {
          if (!object.Key) continue;
          yield {
            key: Prefix ? object.Key.slice(Prefix.length) : object.Key,
            size: object.Size ?? 0,
            modifiedAt: object.LastModified ?? new Date(0),
          };
        }
        ContinuationToken = page.IsTruncated ? page.NextContinuationToken : undefined;
      } while (ContinuationToken);
    },
  };
}

/** NoSuchKey as the local store says it (ENOENT), so callers tell "missing" alike. */
function missingOr(error: unknown, key: string): Error {
  const name = (error as { name?: string }).name;
  if (name === 'NoSuchKey' || name === 'NotFound') {
    return Object.assign(new Error(`no stored file under "${key}"`), { code: 'ENOENT' });
  }
  return error as Error;
}
