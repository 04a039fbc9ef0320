import { SCRIPT_CORE } from './script-core.js';
import { SCRIPT_FLOW } from './script-flow.js';
import { SCRIPT_VIEWS } from './script-views.js';

/** The whole page script, one strict-mode function scope so nothing leaks onto window. */
export const PAGE_SCRIPT = `(function () {${SCRIPT_CORE}${SCRIPT_VIEWS}${SCRIPT_FLOW}})();`;
