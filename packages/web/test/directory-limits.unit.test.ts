import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SEARCH_MAX_LENGTH } from '../src/pages/directory/limits.js';

interface OpenApiParameter {
  name: string;
  in: string;
  schema?: { maxLength?: number };
}

describe('the directory search field', () => {
  it('stops where the API stops (the maxLength of q in the OpenAPI document)', () => {
    const doc = JSON.parse(
      readFileSync(new URL('../../../docs/openapi.json', import.meta.url), 'utf8'),
    ) as { paths: Record<string, { get: { parameters: OpenApiParameter[] } }> };
    const q = doc.paths['/api/v1/structures']!.get.parameters.find((p) => p.name === 'q');
    expect(q?.schema?.maxLength).toBe(SEARCH_MAX_LENGTH);
  });
});
