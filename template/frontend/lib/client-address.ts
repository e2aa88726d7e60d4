import { NextResponse, type NextRequest } from "next/server";

/**
 * The backend throttles sign-ins by client address, and believes the
 * X-Forwarded-For of this server (a trusted proxy). Next.js fills that
 * header from the connection only when the request has none, so whatever a
 * browser sends would reach the backend as its address. Dropping it here,
 * before Next.js handles the request, leaves the real connection's address
 * for app/api/[...path]/route.ts to forward.
 */
export function withoutForwardedFor(request: NextRequest): NextResponse {
  const headers = new Headers(request.headers);
  headers.delete("x-forwarded-for");
  return NextResponse.next({ request: { headers } });
}

export function isApiRequest(request: NextRequest): boolean {
  return request.nextUrl.pathname.startsWith("/api/");
}
