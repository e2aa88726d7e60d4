import "@testing-library/jest-dom/vitest";
import { cleanup } from "@testing-library/react";
import { afterEach } from "vitest";
import { transport } from "@/lib/auth/transport";

// Each test is a page of its own: signed out, and it has ended no session.
afterEach(async () => {
  cleanup();
  transport.clear();
  // Imported here, not at the top: lib/api must load after the test file's
  // vi.mock() calls, or it would keep the real modules they replace.
  const { sessionStartsHere } = await import("@/lib/api");
  sessionStartsHere();
  window.history.replaceState(null, "", "/");
});
