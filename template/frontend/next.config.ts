import type { NextConfig } from "next";

const development = process.env.NODE_ENV === "development";

// Everything comes from this origin. Next.js inlines the scripts that start
// each page, hence 'unsafe-inline': a nonce would make every page dynamic,
// rendered per request instead of served prebuilt (about 3x the time).
// `next dev` also needs eval and a websocket for hot reloading.
const contentSecurityPolicy = [
  "default-src 'self'",
  `script-src 'self' 'unsafe-inline'${development ? " 'unsafe-eval'" : ""}`,
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  `connect-src 'self'${development ? " ws:" : ""}`,
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join("; ");

const securityHeaders = [
  { key: "Content-Security-Policy", value: contentSecurityPolicy },
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  // Pages opened from here, or that open this app, get no handle on it.
  { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
  // The app uses none of these; no script on its pages may either.
  {
    key: "Permissions-Policy",
    value: "camera=(), microphone=(), geolocation=(), payment=(), usb=()",
  },
  // Browsers that saw this once use only HTTPS for the site for two years;
  // `next dev` runs on plain http and sends none.
  ...(development
    ? []
    : [
        {
          key: "Strict-Transport-Security",
          value: "max-age=63072000; includeSubDomains",
        },
      ]),
];

const nextConfig: NextConfig = {
  poweredByHeader: false,
  // Dockerfile builds with NEXT_OUTPUT=standalone: .next/standalone then
  // holds server.js and only the modules it needs. `npm start` serves a
  // build without it (and warns about one with it).
  output: process.env.NEXT_OUTPUT === "standalone" ? "standalone" : undefined,
  // `next dev` serves its scripts only to the origin it was opened at:
  // localhost by default, 127.0.0.1 too with this.
  allowedDevOrigins: ["127.0.0.1"],
  async headers() {
    return [{ source: "/:path*", headers: securityHeaders }];
  },
};

export default nextConfig;
