import { localFileStore } from './local-file-store.js';
import type { FileStore } from './file-store.js';
import { s3FileStore, type S3Location } from './s3-file-store.js';

/**
 * The file store STORAGE_URL names (decision 0020): unset, the local folder FILES_DIR (the
 * embedded default, nothing to install); `s3://bucket[/prefix]?endpoint=…&region=…&path_style=…`
 * an S3-compatible object store. Credentials never go in the URL: the SDK reads them from
 * AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY (or a role), as every S3 tool does.
 */
export function openFileStore(options: {
  storageUrl: string | undefined;
  filesDir: string;
  minFreeBytes: number;
}): FileStore {
  if (!options.storageUrl) {
    return localFileStore(options.filesDir, { minFreeBytes: options.minFreeBytes });
  }
  return s3FileStore(parseStorageUrl(options.storageUrl));
}

const BUCKET = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;

/** STORAGE_URL → where the objects go; a malformed one is refused at start, saying why. */
export function parseStorageUrl(text: string): S3Location {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new Error(`STORAGE_URL is not a URL: "${text}"`);
  }
  if (url.protocol !== 's3:') {
    throw new Error(`STORAGE_URL must be s3://bucket[/prefix]?…, got "${url.protocol}"`);
  }
  if (url.username || url.password) {
    throw new Error(
      'STORAGE_URL must not carry credentials: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY',
    );
  }
  const bucket = url.hostname;
  if (!BUCKET.test(bucket)) throw new Error(`STORAGE_URL: "${bucket}" is not a bucket name`);
  const prefix = decodeURIComponent(url.pathname).replace(/^\/+|\/+$/g, '');
  if (prefix && !/^[A-Za-z0-9._/-]{1,200}$/.test(prefix)) {
    throw new Error(`STORAGE_URL: prefix "${prefix}" may hold only A-Z a-z 0-9 . _ - /`);
  }
  const known = new Set(['endpoint', 'region', 'path_style']);
  for (const name of url.searchParams.keys()) {
    if (!known.has(name)) throw new Error(`STORAGE_URL: unknown parameter "${name}"`);
  }
  const endpoint = url.searchParams.get('endpoint') ?? undefined;
  if (endpoint && !/^https?:\/\//.test(endpoint)) {
    throw new Error('STORAGE_URL: endpoint must be an http:// or https:// URL');
  }
  const pathStyle = url.searchParams.get('path_style');
  if (pathStyle !== null && pathStyle !== 'true' && pathStyle !== 'false') {
    throw new Error('STORAGE_URL: path_style must be true or false');
  }
  return {
    bucket,
    prefix,
    endpoint,
    region: url.searchParams.get('region') ?? 'us-east-1',
    // Self-hosted stores (an endpoint given) want path-style addresses unless told otherwise.
    forcePathStyle: pathStyle === null ? endpoint !== undefined : pathStyle === 'true',
  };
}
