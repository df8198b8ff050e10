import type { TreeRuleSet } from '../engine.js';

/** Code list checks on attributes spread over the UBL tree (Stub: to be written.) */
export const checkCodeListsUbl: TreeRuleSet = () => {};
/** Code list checks on attributes spread over the CII tree (Stub: to be written.) */
export const checkCodeListsCii: TreeRuleSet = () => {};
