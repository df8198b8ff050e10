import { ApiError, getCsrfToken } from './client';

/**
 * Sends a multipart form with XMLHttpRequest, because fetch reports no upload progress (a flow
 * may weigh hundreds of megabytes). Same contract as the typed client: the CSRF header, JSON
 * back, and any other status than the expected one thrown as the API's problem (ApiError).
 */
export function uploadForm<T>(options: {
  url: string;
  form: FormData;
  /** The success status the operation answers (201 created, 202 accepted). */
  expect: number;
  /** Makes a retried request (network failure) answer the first one, never a second one. */
  idempotencyKey: string;
  /** Called with the share (0 to 1) of the request body sent so far. */
  onProgress?: ((share: number) => void) | undefined;
}): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', options.url);
    xhr.withCredentials = true;
    xhr.setRequestHeader('accept', 'application/json');
    xhr.setRequestHeader('idempotency-key', options.idempotencyKey);
    const csrf = getCsrfToken();
    if (csrf) xhr.setRequestHeader('x-csrf-token', csrf);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable && e.total > 0) options.onProgress?.(e.loaded / e.total);
    };
    xhr.onerror = () => reject(new TypeError('network'));
    xhr.onload = () => {
      let body: unknown;
      try {
        body = JSON.parse(xhr.responseText) as unknown;
      } catch {
        body = {};
      }
      const problem = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
      if (xhr.status === options.expect) {
        options.onProgress?.(1);
        resolve(problem as T);
        return;
      }
      reject(
        new ApiError(
          xhr.status,
          typeof problem.code === 'string' ? problem.code : `HTTP_${xhr.status}`,
          typeof problem.detail === 'string' ? problem.detail : xhr.statusText,
          problem,
        ),
      );
    };
    xhr.send(options.form);
  });
}
