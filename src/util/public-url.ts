/**
 * A URL the user gives us to fetch (the batch's CSV File) must point to a public host on the internet.
 * Otherwise a step could be made to read what only Zapier's own network can reach: loopback, private
 * networks, link-local addresses and the cloud metadata service (169.254.169.254, fd00:ec2::254).
 * See https://owasp.org/www-community/attacks/Server_Side_Request_Forgery.
 *
 * The host name is resolved and every address it resolves to is checked, before any request; each
 * redirect is checked the same way (src/http.ts `downloadLimited`).
 *
 * The local sandbox serves files from 127.0.0.1; it switches loopback on for itself with
 * `publicUrlPolicy.allowLoopback = true`. Nothing else does, and the default is off.
 */
import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';

export interface ResolvedAddress {
  address: string;
  family: number;
}

export const publicUrlPolicy: {
  /** Resolves a host name to all its addresses (tests replace it; the default asks DNS). */
  lookup: (host: string) => Promise<ResolvedAddress[]>;
  /** Only the local sandbox sets this, in its own process. */
  allowLoopback: boolean;
} = {
  lookup: (host) => lookup(host, { all: true, verbatim: true }),
  allowLoopback: false,
};

const blocked = new BlockList();
// IPv4: "this network", private, shared (CGNAT, also Alibaba's metadata 100.100.100.200), link-local
// (metadata 169.254.169.254), IETF protocol assignments, benchmarking, multicast, reserved, broadcast.
for (const [net, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const) {
  blocked.addSubnet(net, prefix, 'ipv4');
}
// IPv6: unspecified, unique local (fc00::/7, incl. AWS's metadata fd00:ec2::254), link-local, multicast, documentation.
blocked.addAddress('::', 'ipv6');
blocked.addSubnet('fc00::', 7, 'ipv6');
blocked.addSubnet('fe80::', 10, 'ipv6');
blocked.addSubnet('ff00::', 8, 'ipv6');
blocked.addSubnet('2001:db8::', 32, 'ipv6');

const loopback = new BlockList();
loopback.addSubnet('127.0.0.0', 8, 'ipv4');
loopback.addAddress('::1', 'ipv6');

/** An IPv4 address carried inside an IPv6 one (::ffff:a.b.c.d, 64:ff9b::a.b.c.d, ::a.b.c.d), if any. */
const embeddedIpv4 = (address: string): string | undefined => {
  const lower = address.toLowerCase();
  const dotted = /^(?:::ffff:|64:ff9b::|::)(\d+\.\d+\.\d+\.\d+)$/.exec(lower);
  if (dotted) return dotted[1];
  const hex = /^(?:::ffff:|64:ff9b::)([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(lower);
  if (!hex) return undefined;
  const hi = Number.parseInt(hex[1]!, 16);
  const lo = Number.parseInt(hex[2]!, 16);
  return `${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`;
};

/** Why `address` is not a public address, or undefined when it is. */
export const nonPublicReason = (address: string, allowLoopback = publicUrlPolicy.allowLoopback): string | undefined => {
  const family = isIP(address);
  if (family === 0) return 'is not an IP address';
  const v4 = family === 6 ? embeddedIpv4(address) : address;
  const type = v4 !== undefined ? 'ipv4' : 'ipv6';
  const candidate = v4 ?? address;
  if (loopback.check(candidate, type)) return allowLoopback ? undefined : 'is a loopback address (this machine)';
  if (blocked.check(candidate, type)) return 'is a private, link-local or reserved address';
  return undefined;
};

/**
 * Throws `fail(problem)` unless `raw` is an http(s) URL whose host resolves only to public addresses.
 * Returns the parsed URL.
 */
export const assertPublicUrl = async (raw: string, fail: (problem: string) => Error): Promise<URL> => {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw fail('is not a link (it must start with https:// or http://)');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw fail('must be an https:// or http:// link');
  if (url.username || url.password) throw fail('must not contain a user name or password');
  const host = url.hostname.replace(/^\[|\]$/g, '');
  let addresses: ResolvedAddress[];
  if (isIP(host)) addresses = [{ address: host, family: isIP(host) }];
  else {
    try {
      addresses = await publicUrlPolicy.lookup(host);
    } catch {
      throw fail(`points to ${host}, which could not be found`);
    }
  }
  if (addresses.length === 0) throw fail(`points to ${host}, which could not be found`);
  for (const { address } of addresses) {
    const reason = nonPublicReason(address);
    if (reason) throw fail(`must point to a public address on the internet, but ${host} ${reason}`);
  }
  return url;
};
