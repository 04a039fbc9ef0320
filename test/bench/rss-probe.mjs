// Preloaded with `node --import` by the benchmark: on exit, writes the process's peak resident set size (KB) to
// $MX_IAV_BENCH_RSS_FILE, which a child process's wall time alone cannot tell.
import { writeFileSync } from 'node:fs';

process.on('exit', () => writeFileSync(process.env.MX_IAV_BENCH_RSS_FILE, String(process.resourceUsage().maxRSS)));
