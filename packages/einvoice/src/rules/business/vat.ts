import type { ModelRuleSet } from '../engine.js';

/** (Stub: to be written.) */
export const checkVatCategories: ModelRuleSet = () => {};
