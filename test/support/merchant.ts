import http from 'node:http';

export interface MerchantDelivery {
  headers: http.IncomingHttpHeaders;
  body: string;
  at: number;
}

/**
 * A merchant's webhook endpoint on this machine: answers each delivery with the next status in the
 * script (the last one repeats; 'hang' never answers), and records what it received.
 */
export async function startMerchant(port: number, script: (number | 'hang')[] = [200]) {
  const deliveries: MerchantDelivery[] = [];
  const hanging: http.ServerResponse[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      deliveries.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8'), at: Date.now() });
      const next = script[Math.min(deliveries.length - 1, script.length - 1)];
      if (next === 'hang') return void hanging.push(res);
      res.writeHead(next, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${port}/hooks/payments`,
    deliveries,
    setScript: (next: (number | 'hang')[]) => script.splice(0, script.length, ...next),
    close: () =>
      new Promise<void>((resolve) => {
        hanging.forEach((r) => r.destroy());
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** The verification helpers exactly as the README shows them to merchants. */
export function readmeSnippet(name: 'verify-node' | 'verify-python'): string {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const readme: string = require('node:fs').readFileSync(require('node:path').join(__dirname, '..', '..', 'README.md'), 'utf8');
  const block = new RegExp(`<!-- ${name}:start -->\\s*\`\`\`\\w+\\n([\\s\\S]*?)\`\`\`\\s*<!-- ${name}:end -->`).exec(readme);
  if (!block) throw new Error(`README has no ${name} block`);
  return block[1];
}
