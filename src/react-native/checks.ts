// Input validation outside Metro (Node, tests): always on. Metro picks checks.native.ts instead.
import type { ConfigChecks } from '../core/engine/contract';
import { checks as valibotChecks } from '../core/validate';

/** The config and push checks the binding validates input with. */
export const checks: ConfigChecks | undefined = valibotChecks;
