import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { AppError } from '../lib/errors.js';
import { newId } from '../lib/ids.js';
import { problemOf } from './problem.js';

/**
 * Errors Node's HTTP parser raises before any route runs (headers over the size limit, a
 * malformed request line, a client too slow to send its request): answered with a problem
 * document like every other error, then the connection is closed. There is no request yet, so
 * the instance is the problem's own request id.
 */
export function clientErrorHandler(
  this: FastifyInstance,
  error: Error & { code?: string },
  socket: Socket,
): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const appError =
    error.code === 'HPE_HEADER_OVERFLOW'
      ? new AppError('HEADERS_TOO_LARGE', 'The request headers are larger than 16 KB')
      : error.code === 'ERR_HTTP_REQUEST_TIMEOUT' || error.code === 'ERR_HTTP_HEADERS_TIMEOUT'
        ? new AppError('REQUEST_TIMEOUT', 'The request was not received in time')
        : new AppError('BAD_REQUEST', 'The request could not be read as HTTP');
  const requestId = newId('request');
  const problem = problemOf(appError, `urn:chorale:request:${requestId}`, requestId);
  const body = JSON.stringify(problem);
  this.log.debug({ err: error, requestId }, 'client error');
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${problem.status} ${STATUS_CODES[problem.status]}\r\n` +
        `Content-Type: application/problem+json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n` +
        `X-Request-Id: ${requestId}\r\nConnection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy(error);
}
