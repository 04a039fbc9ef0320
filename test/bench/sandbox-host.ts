// The benchmark's sandbox, in a process of its own: the sandbox itself (job steps of --job-ms) and, in front of it,
// a byte-for-byte TCP relay that counts the connections clients open. The benchmark talks to it over IPC:
// "report" answers with the connection count, every request seen and every status change, timed by the
// sandbox's own clock. Bundled by test/bench/sandbox.mjs with esbuild, as src/ is TypeScript.
import net from 'node:net';
import { createSandbox } from '../../src/sandbox/index.js';

const jobMs = Number(process.argv[2] ?? 0);
const sandbox = await createSandbox({ port: 0, jobMs, recordPath: '' });
const upstream = new URL(sandbox.url);

let connections = 0;
const relay = net.createServer((client) => {
  connections += 1;
  const server = net.connect(Number(upstream.port), upstream.hostname);
  client.pipe(server).pipe(client);
  const end = () => {
    client.destroy();
    server.destroy();
  };
  client.on('error', end);
  server.on('error', end);
  client.on('close', end);
  server.on('close', end);
});
await new Promise<void>((resolve) => relay.listen(0, '127.0.0.1', resolve));
const { port } = relay.address() as net.AddressInfo;

process.on('message', (message: { type: string }) => {
  if (message.type === 'report') {
    // maxRSS (KB): the webhook benchmark's peak memory of the sandbox under a burst of deliveries.
    const maxRssKb = process.resourceUsage().maxRSS;
    process.send?.({ type: 'report', connections, requests: sandbox.requests(), changes: sandbox.statusChanges(), maxRssKb });
  } else if (message.type === 'close') {
    relay.close();
    void sandbox.close().then(() => process.disconnect());
  }
});
process.send?.({
  type: 'ready',
  url: sandbox.url,
  countedUrl: `http://127.0.0.1:${port}`,
  clientId: sandbox.clientId,
  apiKey: sandbox.apiKey,
  maxRssKb: process.resourceUsage().maxRSS,
});
