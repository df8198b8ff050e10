/**
 * The API's maxLength of `q` (GET /api/v1/structures): the field stops there rather than the
 * search failing. test/directory-limits.unit.test.ts holds it equal to the OpenAPI document.
 */
export const SEARCH_MAX_LENGTH = 200;
