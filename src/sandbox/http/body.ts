import type { IncomingMessage } from 'node:http';

export interface Body {
  text: string;
  tooLarge: boolean;
}

/**
 * A request's body, kept up to `limit` bytes. Past it the rest is still read (and dropped), so the refusal can be
 * answered on a connection the client is still writing to.
 */
export function readBody(req: IncomingMessage, limit: number): Promise<Body> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) chunks.push(chunk);
    });
    req.on('end', () => resolve({ text: Buffer.concat(chunks).toString('utf8'), tooLarge: size > limit }));
    req.on('error', reject);
  });
}
