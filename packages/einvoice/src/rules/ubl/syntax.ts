import type { TreeRuleSet } from '../engine.js';

/** (Stub: to be written.) */
export const checkUblSyntax: TreeRuleSet = () => {};
