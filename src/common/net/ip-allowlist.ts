import { BlockList, isIP } from 'node:net';

/** A CIDR allowlist (IPv4 and IPv6, single addresses too) on Node's own BlockList. */
export interface IpAllowlist {
  readonly size: number;
  allows(address: string): boolean;
}

/** Throws an Error naming the first entry that is not an address or CIDR range. */
export function buildIpAllowlist(entries: readonly string[]): IpAllowlist {
  const list = new BlockList();
  for (const raw of entries) {
    const entry = String(raw).trim();
    const [address, prefix] = entry.split('/');
    const family = isIP(address);
    if (family === 0) throw new Error(`"${entry}" is not an IP address or CIDR range`);
    const type = family === 4 ? 'ipv4' : 'ipv6';
    if (prefix === undefined) {
      list.addAddress(address, type);
      continue;
    }
    const bits = Number(prefix);
    if (!/^\d{1,3}$/.test(prefix) || bits > (family === 4 ? 32 : 128)) throw new Error(`"${entry}" has an invalid prefix length`);
    list.addSubnet(address, bits, type);
  }
  return {
    size: entries.length,
    allows: (address: string) => {
      const plain = unmapIpv4(address);
      const family = isIP(plain);
      return family !== 0 && list.check(plain, family === 4 ? 'ipv4' : 'ipv6');
    },
  };
}

/** ::ffff:10.1.2.3 (an IPv4 client on a dual-stack socket) is 10.1.2.3. */
export function unmapIpv4(address: string): string {
  const match = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(address);
  return match ? match[1] : address;
}
