import type { NextConfig } from "next";

// The browser only ever talks to this app: /api/* is forwarded to the
// backend, so the session cookie is first-party and no CORS is needed.
const backendUrl = (process.env.BACKEND_URL ?? "http://localhost:8000").replace(
  /\/+$/,
  "",
);

const nextConfig: NextConfig = {
  async rewrites() {
    return [
      {
        source: "/api/:path*",
        destination: `${backendUrl}/api/:path*`,
      },
    ];
  },
};

export default nextConfig;
