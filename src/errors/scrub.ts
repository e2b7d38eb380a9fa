/**
 * Upstream error text can echo what we sent: a 400 that repeats the Authorization header, a token endpoint
 * that repeats the form body with the client secret. Before such text reaches a message or a log, every
 * credential of the connection is cut out of it, and so is anything shaped like a credential.
 *
 * The connection's values are registered per step (keyed by its z object, one per invocation) by the
 * clients when they are built from the bundle, so any error builder can scrub with just `z`.
 */
const secretsByStep = new WeakMap<object, Set<string>>();

/** authData keys whose values are credentials (never ids or names, which users need to see in errors). */
const SECRET_KEY = /(token|secret|password|api_?key|encryption_key|authentication_key|signature|session)/i;

/** Values shorter than this are not treated as secrets: cutting "1" out of every message helps no one. */
const MIN_SECRET_LENGTH = 6;

export const registerSecrets = (z: object, authData: Record<string, unknown> | undefined): void => {
  if (!authData) return;
  const set = secretsByStep.get(z) ?? new Set<string>();
  for (const [key, value] of Object.entries(authData)) {
    if (!SECRET_KEY.test(key) || typeof value !== 'string') continue;
    const trimmed = value.trim();
    if (trimmed.length < MIN_SECRET_LENGTH) continue;
    set.add(trimmed);
    // The same value as it appears in a URL or a form body.
    set.add(encodeURIComponent(trimmed));
    set.add(new URLSearchParams({ v: trimmed }).toString().slice(2));
  }
  secretsByStep.set(z, set);
};

/** Credential-shaped text, whatever its value: bearer tokens and key=value pairs naming a secret. */
const SHAPES: RegExp[] = [
  /\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=!-]+/gi,
  /\b(access_token|refresh_token|client_secret|api_?secret|api_?key|apikey|password|authorization|encryptkey|authkey)\b(["']?\s*[:=]\s*["']?)[^\s"'&,;}]+/gi,
];

export const scrub = (z: object | undefined, text: string): string => {
  let out = text;
  const secrets = z ? secretsByStep.get(z) : undefined;
  if (secrets) {
    // Longest first, so a secret that contains another is cut whole.
    for (const secret of [...secrets].sort((a, b) => b.length - a.length)) out = out.split(secret).join('[hidden]');
  }
  out = out.replace(SHAPES[0]!, (_m, scheme: string) => `${scheme} [hidden]`);
  out = out.replace(SHAPES[1]!, (_m, name: string, sep: string) => `${name}${sep}[hidden]`);
  return out;
};
