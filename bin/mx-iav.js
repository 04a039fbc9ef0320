#!/usr/bin/env node
'use strict';
// CommonJS on purpose (bin/package.json): an ES module entry costs a few milliseconds of loader set-up before its
// first line runs, a sixth of node's own start-up, and the answers below need none of it.
const { fstatSync, readFileSync, writeSync } = require('node:fs');

// `mx-iav --help` and `mx-iav --version`, alone, are answered with the text the build rendered from the real
// command tree (dist/quick-answers.json), so the commands people try first start about as fast as node itself.
// The help was laid out for 80 columns, as commander does for a pipe; a narrower terminal gets commander's own.
const args = process.argv.slice(2);
const quick = args.length === 1 && fitsWidth() ? readQuickAnswer(args[0]) : undefined;

if (quick !== undefined) {
  print(quick);
} else {
  // Source maps cost start-up time, so they are enabled only under --debug (the one way stacks are shown), and
  // before the code loads.
  if (args.includes('--debug')) process.setSourceMapsEnabled(true);
  import('../dist/main.js');
}

function fitsWidth() {
  try {
    // fstat costs a tenth of what loading node:tty or process.stdout does, and only a terminal has a width.
    return !fstatSync(1).isCharacterDevice() || !process.stdout.isTTY || process.stdout.columns >= 80;
  } catch {
    return false; // no usable stdout: the program deals with that
  }
}

function readQuickAnswer(flag) {
  const key = new Map([['--help', 'help'], ['-h', 'help'], ['--version', 'version'], ['-v', 'version']]).get(flag);
  if (key === undefined) return undefined;
  try {
    return JSON.parse(readFileSync(`${__dirname}/../dist/quick-answers.json`, 'utf8'))[key];
  } catch {
    return undefined; // an older build without the file: the program answers
  }
}

/** Straight to fd 1: setting up process.stdout's stream costs more than the rest of this file. */
function print(text) {
  const bytes = Buffer.from(text);
  let written = 0;
  try {
    written = writeSync(1, bytes);
  } catch (error) {
    // A reader that has gone (`mx-iav --help | head -1`) wants nothing more: stop quietly, as main.ts does.
    if (error.code === 'EPIPE') process.exit(0);
    if (error.code !== 'EAGAIN') throw error; // a non-blocking pipe that is full: let the stream wait for it
  }
  if (written < bytes.length) {
    process.stdout.on('error', (error) => {
      if (error.code !== 'EPIPE') throw error;
      process.exit(0);
    });
    process.stdout.write(bytes.subarray(written));
  }
}
