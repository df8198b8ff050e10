import { createHash } from 'node:crypto';
import { expect } from 'vitest';
import type { TestApp } from './app.js';
import { createTestApp } from './app.js';
import { call, setUpPersonas, type Caller, type Personas } from './personas.js';
import { depositBody, type DepositParts } from './invoices.js';

// What the deposit test files share: the app they run against, how they deposit, and how they
// read a refusal. Each file gets its own app (and database), so files stay independent.

/** A test app with the demo personas; close it after the file's tests. */
export async function startAppWithPersonas(): Promise<{ t: TestApp; p: Personas }> {
  const t = await createTestApp();
  return { t, p: await setUpPersonas(t) };
}

export const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

export interface Deposited {
  id: string;
  status: string;
  sha256: string;
  depositedAt: string;
  warnings: unknown[];
}

/** POST /invoices as `who`, with the parts as a multipart form. */
export async function deposit(
  t: TestApp,
  who: Caller,
  d: DepositParts,
  headers: Record<string, string> = {},
) {
  const body = depositBody(d);
  return call(t, who, {
    method: 'POST',
    url: '/api/v1/invoices',
    payload: body.payload,
    headers: { ...body.headers, ...headers },
  });
}

let counter = 0;
/** A fresh invoice number (the duplicate key is supplier + number + year), unique per process. */
export const nextNumber = () => `T-${process.pid}-${++counter}`;

export interface Refusal {
  status: number;
  code: string;
  refusal?: { code: string; message: { fr: string; en: string } };
  errors?: { pointer?: string; message: string }[];
}

/** Checks a deposit refusal: status, problem document, bilingual message, stable code. */
export async function expectRefusal(
  res: Awaited<ReturnType<typeof deposit>>,
  status: number,
  code: string,
): Promise<Refusal> {
  expect(res.statusCode, res.body).toBe(status);
  expect(res.headers['content-type']).toContain('application/problem+json');
  const problem = res.json<Refusal>();
  expect(problem.refusal?.code).toBe(code);
  expect(problem.refusal?.message.fr.length).toBeGreaterThan(10);
  expect(problem.refusal?.message.en.length).toBeGreaterThan(10);
  expect(problem.errors?.[0]).toEqual({ pointer: 'refusal', message: code });
  return problem;
}

/** How many invoices the database holds (a refusal must leave it unchanged). */
export async function invoiceCount(t: TestApp): Promise<number> {
  const r = await t.database.db
    .selectFrom('invoice')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}
