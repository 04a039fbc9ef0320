#!/usr/bin/env node
// Source maps cost start-up time, so they are enabled only when a trace is asked for, and before the code loads.
if (process.argv.includes('--debug') || process.env.MX_IAV_DEBUG) process.setSourceMapsEnabled(true);
await import('../dist/main.js');
