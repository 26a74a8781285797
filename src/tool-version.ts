import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** The package version, recorded in every evidence and result file. */
export const TOOL_VERSION = (require('../package.json') as { version: string }).version;
