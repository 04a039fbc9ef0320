import http from 'node:http';

/**
 * TRANSITION, until the client sends Accept-Version itself (issue 10, client branch; then pass its API version
 * option instead): an HTTP agent that adds the header to every request it carries, so the client's v20111101
 * traffic is what MX asks for since August 12, 2026. Headers given as an object are written only on the first
 * write, after the agent has seen the request, so setting one here reaches the wire.
 */
export class AcceptVersionAgent extends http.Agent {
  constructor(private readonly acceptVersion: string) {
    super({ keepAlive: true });
  }

  addRequest(request: http.ClientRequest, options: http.RequestOptions): void {
    if (!request.headersSent) request.setHeader('accept-version', this.acceptVersion);
    (http.Agent.prototype as unknown as { addRequest(r: http.ClientRequest, o: http.RequestOptions): void }).addRequest.call(this, request, options);
  }
}
