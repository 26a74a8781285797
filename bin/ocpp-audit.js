#!/usr/bin/env node
// The installed entry point: runs the compiled CLI (built by `npm run build`, which `prepare` runs on install).
import { exitCodeAfterStdout, watchStdout } from '../dist/cli/closed-stdout.js';
import { main } from '../dist/cli/main.js';

watchStdout();
process.exitCode = exitCodeAfterStdout(await main(process.argv));
