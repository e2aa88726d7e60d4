import { createHmac } from "node:crypto";

/**
 * Signs a copy of `token` with some claims changed, e.g. an `exp` in the
 * past. The backend of the test run gets its JWT_SECRET from
 * playwright.config.ts, which shares it through E2E_JWT_SECRET.
 */
export function resignToken(
  token: string,
  changes: Record<string, unknown>,
): string {
  const secret = process.env.E2E_JWT_SECRET;
  if (!secret) {
    throw new Error("E2E_JWT_SECRET is not set (playwright.config.ts sets it)");
  }
  const [header, payload] = token.split(".");
  const claims = JSON.parse(
    Buffer.from(payload, "base64url").toString("utf8"),
  ) as Record<string, unknown>;
  const body = Buffer.from(JSON.stringify({ ...claims, ...changes })).toString(
    "base64url",
  );
  // The header (alg HS256, typ at+jwt) stays as the backend wrote it.
  const signature = createHmac("sha256", secret)
    .update(`${header}.${body}`)
    .digest("base64url");
  return `${header}.${body}.${signature}`;
}

/** Seconds since the epoch, as JWT claims count time. */
export function epochSeconds(offsetSeconds = 0): number {
  return Math.floor(Date.now() / 1000) + offsetSeconds;
}
