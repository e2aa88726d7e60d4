import { describe, expect, it } from "vitest";
import { homePath } from "@/lib/config";
import {
  afterLoginPath,
  loginReason,
  loginUrl,
  safeNextPath,
} from "@/lib/navigation";

describe("safeNextPath", () => {
  it.each(["/reports", "/reports?tab=2#top", "/profile"])(
    "accepts the site path %s",
    (path) => {
      expect(safeNextPath(path)).toBe(path);
    },
  );

  it.each([
    null,
    "",
    "reports",
    "https://evil.example/",
    "//evil.example",
    "/\\evil.example",
    "/\t/evil.example",
    "javascript:alert(1)",
    "/login",
    "/register?next=/reports",
  ])("refuses %s", (value) => {
    expect(safeNextPath(value)).toBeNull();
  });
});

describe("afterLoginPath", () => {
  it("goes to next when it is safe, else home", () => {
    expect(afterLoginPath("/profile")).toBe("/profile");
    expect(afterLoginPath("//evil.example")).toBe(homePath);
    expect(afterLoginPath(null)).toBe(homePath);
  });
});

describe("loginUrl", () => {
  it("remembers where the user was", () => {
    expect(loginUrl("/profile?tab=1")).toBe("/login?next=%2Fprofile%3Ftab%3D1");
    expect(loginUrl("/")).toBe("/login");
    expect(loginUrl("/login?next=%2Fprofile")).toBe("/login");
  });
});

describe("the reason of the login page", () => {
  it("says that the session ended by itself", () => {
    expect(loginUrl("/profile", "expired")).toBe(
      "/login?next=%2Fprofile&reason=expired",
    );
    expect(loginUrl("/", "expired")).toBe("/login?reason=expired");
    expect(loginReason("?next=%2Fprofile&reason=expired")).toBe("expired");
    expect(loginReason("?reason=<script>")).toBeNull();
    expect(loginReason("")).toBeNull();
  });
});
