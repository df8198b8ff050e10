/** The OpenAPI tag of the /cpro surface. */
export const CPRO_TAG = 'cpro';
