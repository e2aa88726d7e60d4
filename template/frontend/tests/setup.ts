import "@testing-library/jest-dom/vitest";
import { cleanup } from "@testing-library/react";
import { afterEach } from "vitest";
import { transport } from "@/lib/auth/transport";

afterEach(() => {
  cleanup();
  transport.clear();
  window.history.replaceState(null, "", "/");
});
