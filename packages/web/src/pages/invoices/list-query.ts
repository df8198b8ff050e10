import { api, data } from '../../api/client';
import { STATUSES, type InvoiceStatus, type ListQuery } from './common';
import { valuesOf } from './list-params';
import type { ListSide } from './list-messages';

/** The API query for the URL's filters (amounts as typed are normalised on submit). */
export function apiQuery(params: URLSearchParams, side: ListSide, structure: string | undefined) {
  const v = valuesOf(params);
  const q: ListQuery = { side, sort: v.sort, order: v.order };
  if (structure) q.structure = structure;
  if (v.status && (STATUSES as readonly string[]).includes(v.status)) {
    q.status = v.status as InvoiceStatus;
  }
  if (v.from) q.from = v.from;
  if (v.to) q.to = v.to;
  if (v.minAmount) q.minAmount = v.minAmount;
  if (v.maxAmount) q.maxAmount = v.maxAmount;
  if (v.number) q.number = v.number;
  if (v.counterparty) q.counterparty = v.counterparty;
  if (side === 'received') {
    if (v.service) q.service = v.service;
    if (v.notDownloaded) q.notDownloaded = 'true';
  }
  const cursor = params.get('cursor');
  if (cursor) q.cursor = cursor;
  return q;
}

export async function fetchPage(query: ListQuery) {
  return data(await api.GET('/api/v1/invoices', { params: { query } }));
}
