#!/usr/bin/env node
// `npm run bench`: every performance figure of the project beside its target, measured in one run on this machine.
// Not part of `npm test`: timings belong to a machine and a moment, never to a test. Each timed figure is the
// median of interleaved runs, with the 10th–90th percentile spread in brackets. Exits 1 when a target is missed.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { benchFlowTime, benchMemory, benchTraffic } from './flow.mjs';
import { benchInstall, packTarball, SDK } from './install.mjs';
import { benchDetection } from './latency.mjs';
import { bundleHost, startSandbox } from './sandbox.mjs';
import { benchStartUp } from './start-up.mjs';
import { benchWidgetLink } from './widget-link.mjs';
import { benchWidgetPage } from './widget-page.mjs';
import { benchBurst, benchDeliveryLatency } from './webhooks.mjs';
import { kib, mb, mib, ms, ratio, renderTable } from './table.mjs';

// Both MX API versions mx-iav speaks: v20250224 starts the verification with the member's create, so it should need
// one request fewer than v20111101's create-then-verify.
const API_VERSIONS = ['v20250224', 'v20111101'];
const ROUNDS = Math.max(10, Number(process.env.MX_IAV_BENCH_ROUNDS ?? 15));
const root = new URL('../..', import.meta.url).pathname;
const workDir = mkdtempSync(join(tmpdir(), 'mx-iav-bench-'));
const step = (text) => process.stderr.write(`bench: ${text}\n`);

try {
  step('building dist/');
  if (spawnSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit' }).status !== 0) throw new Error('the build failed');
  const hostFile = await bundleHost(workDir);

  // Start-ups are short, so a busy machine's noise weighs more on them: more rounds, which cost little.
  step(`start-up, ${ROUNDS * 4} interleaved rounds`);
  const startUp = await benchStartUp(ROUNDS * 4);

  const sandbox = await startSandbox(hostFile, 0);
  const flows = {};
  let memory;
  let widgetLink;
  let widgetPage;
  try {
    for (const apiVersion of API_VERSIONS) {
      step(`the flow on ${apiVersion} against a sandbox process with --job-ms 0, ${ROUNDS} interleaved rounds`);
      flows[apiVersion] = {
        time: await benchFlowTime(sandbox, workDir, ROUNDS, apiVersion),
        traffic: await benchTraffic(sandbox, workDir, apiVersion),
      };
    }
    memory = await benchMemory(sandbox, workDir, 10);
    step(`time to the widget link, ${ROUNDS} interleaved rounds`);
    widgetLink = await benchWidgetLink(sandbox, workDir, ROUNDS);
    widgetPage = await benchWidgetPage(sandbox);
  } finally {
    await sandbox.close();
  }

  step('detection latency at the sandbox interval (250 ms; job steps of 1 s), 10 runs');
  const atSandbox = await benchDetection(hostFile, workDir, { jobMs: 1000, runs: 10, concurrency: 2 });
  step("detection latency at MX's interval (--poll-interval 3s; job steps of 3 s), 10 runs");
  const atMx = await benchDetection(hostFile, workDir, { jobMs: 3000, pollInterval: '3s', runs: 10, concurrency: 5 });

  step(`webhook delivery latency: ${ROUNDS * 2} forced status changes, each beside one plain loopback POST`);
  const delivery = await benchDeliveryLatency(hostFile, workDir, ROUNDS * 2);
  step('1,000 webhooks to a receiver answering each in 20 ms');
  const burst = await benchBurst(hostFile, workDir, { total: 1000, members: 4, delayMs: 20 });

  step(`install: npm pack, then ${ROUNDS} interleaved installs each from a warm cache`);
  const tarball = await packTarball(workDir);
  const install = await benchInstall(workDir, tarball, ROUNDS);

  const rows = [
    startUpRow('start-up: `mx-iav --version`', startUp.version, startUp.floor),
    startUpRow('start-up: `mx-iav --help`', startUp.help, startUp.floor),
    ...API_VERSIONS.flatMap((apiVersion) => flowRows(apiVersion, flows[apiVersion])),
    fewerRequestsRow(flows),
    {
      figure: 'time to the widget link on stderr: `verify --widget --no-input`',
      measured: ms(widgetLink.cli),
      compared: `Node + the one request: ${ms(widgetLink.floor)}`,
      ratio: ratio(widgetLink.cli.median, widgetLink.floor.median),
      met: null,
    },
    {
      // Two requests (the customer's user, then the link) and the profile's lock, over mx-iav's start-up and one read.
      figure: 'time to the widget link, against mx-iav\'s own start-up + one request',
      measured: ms(widgetLink.cli),
      compared: `\`mx-iav users --json\`: ${ms(widgetLink.oneRequest)}`,
      ratio: ratio(widgetLink.cli.median, widgetLink.oneRequest.median),
      target: '≤ 1.5x',
      met: widgetLink.cli.median / widgetLink.oneRequest.median <= 1.5,
    },
    latencyRow('detection latency at 250 ms (sandbox default)', atSandbox, 250),
    latencyRow('detection latency at 3 s (MX)', atMx, 3000),
    {
      figure: 'peak RSS during `verify --no-input`',
      measured: mb(memory.cli),
      compared: `plain fetch script: ${mb(memory.floor)}`,
      target: '≤ 80 MB',
      met: memory.cli.median <= 80,
    },
    {
      figure: "sandbox widget page (one widget URL's page, everything inline)",
      measured: `${kib(widgetPage.bytes)} (${kib(widgetPage.gzipped)} gzipped)`,
      target: '≤ 32 KiB, no external asset',
      met: widgetPage.bytes <= 32 * 1024,
    },
    ...webhookRows(delivery, burst),
    { figure: '`npm pack` tarball', measured: `${kib(tarball.size)} (${tarball.files} files, ${mib(tarball.unpackedSize)} unpacked)`, met: null },
    {
      figure: 'install into an empty directory, warm cache',
      measured: ms(install.cli.time),
      compared: `${SDK}: ${ms(install.sdk.time)}`,
      ratio: ratio(install.cli.time.median, install.sdk.time.median),
      target: `faster than ${SDK}`,
      met: install.cli.time.median < install.sdk.time.median,
    },
    {
      figure: 'installed packages, size of node_modules',
      measured: `${install.cli.packages} (${mib(install.cli.bytes)})`,
      compared: `${SDK}: ${install.sdk.packages} (${mib(install.sdk.bytes)})`,
      target: 'no runtime dependency: 1 package',
      met: install.cli.packages === 1,
    },
  ];

  process.stdout.write(
    `\nmx-iav benchmark · Node ${process.version} · ${availableParallelism()} CPUs · ${new Date().toISOString().slice(0, 16)}Z\n\n` +
      `${renderTable(rows)}\n\n` +
      API_VERSIONS.map((v) => `Requests of one verification on ${v}: ${flows[v].traffic.cli.sequence.join(' · ')}\n`).join(''),
  );
  const missed = rows.filter((r) => r.met === false);
  process.stdout.write(missed.length === 0 ? 'Every target met.\n' : `Missed: ${missed.map((r) => r.figure).join('; ')}\n`);
  process.exitCode = missed.length === 0 ? 0 : 1;
} finally {
  rmSync(workDir, { recursive: true, force: true });
}

function flowRows(apiVersion, { time, traffic }) {
  return [
    {
      figure: `the flow on ${apiVersion}: \`verify --no-input\` (sandbox process, \`--job-ms 0\`)`,
      measured: ms(time.cli),
      compared: `plain fetch script: ${ms(time.floor)}`,
      ratio: ratio(time.cli.median, time.floor.median),
      target: '≤ 1.1x',
      met: time.cli.median / time.floor.median <= 1.1,
    },
    {
      figure: `requests per verification on ${apiVersion}`,
      measured: String(traffic.cli.requests),
      compared: `plain fetch script: ${traffic.floor.requests}`,
      target: 'none the flow does not need (≤ the script)',
      met: traffic.cli.requests <= traffic.floor.requests,
    },
    {
      figure: `TCP connections per verification on ${apiVersion}`,
      measured: String(traffic.cli.connections),
      compared: `plain fetch script: ${traffic.floor.connections}`,
      target: '1',
      met: traffic.cli.connections === 1,
    },
  ];
}

function fewerRequestsRow(flows) {
  const [current, legacy] = API_VERSIONS.map((v) => flows[v].traffic.cli.requests);
  return {
    figure: `requests saved by ${API_VERSIONS[0]} (no separate verify)`,
    measured: String(legacy - current),
    compared: `${API_VERSIONS[1]}: ${legacy}, ${API_VERSIONS[0]}: ${current}`,
    target: '≥ 1',
    met: legacy - current >= 1,
  };
}

function webhookRows({ delivery, floor }, burst) {
  const p95 = (s) => `${ms(s)}, p95 ${s.p95.toFixed(1)} ms`;
  return [
    {
      figure: 'webhook delivery: status change to the receiver (sandbox process)',
      measured: p95(delivery),
      compared: `one loopback POST: ${p95(floor)}`,
      ratio: ratio(delivery.median, floor.median),
      target: 'median ≤ 50 ms',
      met: delivery.median <= 50,
    },
    {
      figure: `${burst.total} webhooks, ${burst.members} members, receiver answering in ${burst.delayMs} ms`,
      measured: `${burst.deliveredOnce} delivered once, ${burst.received} received, drained in ${(burst.drainedMs / 1000).toFixed(1)} s`,
      target: 'none lost, none doubled',
      met: burst.deliveredOnce === burst.total && burst.received === burst.total,
    },
    {
      figure: 'peak RSS of the sandbox during those webhooks',
      measured: `${(burst.maxRssKb / 1024).toFixed(1)} MB`,
      compared: `before them: ${(burst.idleRssKb / 1024).toFixed(1)} MB`,
      target: '≤ 150 MB',
      met: burst.maxRssKb / 1024 <= 150,
    },
  ];
}

function startUpRow(figure, measured, floor) {
  return {
    figure,
    measured: ms(measured),
    compared: `\`node -e 0\`: ${ms(floor)}`,
    ratio: ratio(measured.median, floor.median),
    target: '≤ 1.3x',
    met: measured.median / floor.median <= 1.3,
  };
}

function latencyRow(figure, delays, intervalMs) {
  return {
    figure,
    measured: `${ms(delays)}, ${delays.n} changes`,
    target: `median ≤ ${intervalMs / 2} ms`,
    met: delays.median <= intervalMs / 2,
  };
}
