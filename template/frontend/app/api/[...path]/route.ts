import type { NextRequest } from "next/server";

/**
 * Forwards /api/* to the backend, so the browser only ever talks to this
 * origin. The backend's address is read from BACKEND_URL when a request
 * comes in, and X-Forwarded-For carries the address of the connection this
 * request came in on (see lib/client-address.ts), nothing the browser wrote.
 */
export const dynamic = "force-dynamic";

// Headers of one connection, not of the request: never passed on.
const HOP_BY_HOP = [
  "connection",
  "expect",
  "keep-alive",
  "proxy-connection",
  "te",
  "trailer",
  "transfer-encoding",
  "upgrade",
  "host",
];

function backendUrl(): string {
  return (process.env.BACKEND_URL ?? "http://localhost:8000").replace(
    /\/+$/,
    "",
  );
}

async function forward(request: NextRequest): Promise<Response> {
  const { pathname, search } = request.nextUrl;
  const headers = new Headers(request.headers);
  for (const name of HOP_BY_HOP) {
    headers.delete(name);
  }
  const hasBody = request.method !== "GET" && request.method !== "HEAD";
  let answer: Response;
  try {
    answer = await fetch(`${backendUrl()}${pathname}${search}`, {
      method: request.method,
      headers,
      body: hasBody ? request.body : undefined,
      // Streams the body on instead of reading it whole first.
      duplex: "half",
      redirect: "manual",
      signal: request.signal,
    } as RequestInit);
  } catch {
    return Response.json(
      { detail: "The API cannot be reached" },
      { status: 502 },
    );
  }
  const answerHeaders = new Headers(answer.headers);
  // fetch has already decoded the body: its old length and encoding are wrong.
  answerHeaders.delete("content-encoding");
  answerHeaders.delete("content-length");
  for (const name of HOP_BY_HOP) {
    answerHeaders.delete(name);
  }
  return new Response(answer.body, {
    status: answer.status,
    statusText: answer.statusText,
    headers: answerHeaders,
  });
}

export {
  forward as DELETE,
  forward as GET,
  forward as HEAD,
  forward as OPTIONS,
  forward as PATCH,
  forward as POST,
  forward as PUT,
};
