import { header, type SandboxRequest } from '../http';
import { badRequest } from './errors';

/** Repeatable parameters: Trustpilot takes both ?stars=4&stars=5 and ?stars=4,5. */
export const multi = (req: SandboxRequest, name: string): string[] =>
  req.query
    .getAll(name)
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter((v) => v !== '');

export const paging = (req: SandboxRequest): { page: number; perPage: number } => {
  const int = (name: string, fallback: number, max: number) => {
    const raw = req.query.get(name);
    if (raw === null) return fallback;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < 1 || n > max) throw badRequest(`${name} must be an integer between 1 and ${max}`);
    return n;
  };
  return { page: int('page', 1, 2147483647), perPage: int('perPage', 20, 100) };
};

export const bool = (req: SandboxRequest, name: string): boolean | undefined => {
  const raw = req.query.get(name);
  if (raw === null) return undefined;
  if (raw !== 'true' && raw !== 'false') throw badRequest(`${name} must be true or false`);
  return raw === 'true';
};

/** "2013-09-07T13:37:00"; "If no time is specified than time is implicit 00:00:00". Without a zone, UTC. */
export const dateTime = (req: SandboxRequest, name: string): number | undefined => {
  const raw = req.query.get(name);
  if (raw === null) return undefined;
  const m = /^(\d{4}-\d{2}-\d{2})(T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,7})?)?)?(Z|[+-]\d{2}:\d{2})?$/.exec(raw);
  const ms = m ? Date.parse(`${m[1]}${m[2] ?? 'T00:00:00'}${m[3] ?? 'Z'}`) : NaN;
  if (Number.isNaN(ms)) throw badRequest(`${name} must be a date and time such as 2013-09-07T13:37:00`);
  return ms;
};

export const baseUrl = (req: SandboxRequest): string => `http://${header(req, 'host') ?? '127.0.0.1'}`;

/** Page of a list plus Trustpilot-style rel links to the neighbouring pages. */
export const pageOf = <T>(req: SandboxRequest, items: T[], page: number, perPage: number) => {
  const start = (page - 1) * perPage;
  const links: { href: string; method: 'GET'; rel: string }[] = [];
  const link = (p: number, rel: string) => {
    const q = new URLSearchParams(req.query);
    q.set('page', String(p));
    q.set('perPage', String(perPage));
    links.push({ href: `${baseUrl(req)}${req.path}?${q}`, method: 'GET', rel });
  };
  if (page > 1 && start - perPage < items.length) link(page - 1, 'prev-page');
  if (start + perPage < items.length) link(page + 1, 'next-page');
  return { items: items.slice(start, start + perPage), links };
};
