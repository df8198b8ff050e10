import type { TreeRuleSet } from '../engine.js';

/** (Stub: to be written.) */
export const checkCiiSyntax: TreeRuleSet = () => {};
