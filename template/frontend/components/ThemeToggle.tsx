"use client";

import { useSyncExternalStore } from "react";
import { IconButton } from "@/components/ui/IconButton";
import { currentTheme, pickTheme, subscribeToTheme } from "@/lib/theme";

/** A button that switches between the light and the dark theme. */
export default function ThemeToggle() {
  // On the server (and in the first client render) the theme is unknown.
  const theme = useSyncExternalStore(
    subscribeToTheme,
    currentTheme,
    () => null,
  );
  const dark = theme === "dark";

  return (
    <IconButton
      label="Dark theme"
      aria-pressed={theme === null ? undefined : dark}
      onClick={() => pickTheme(dark ? "light" : "dark")}
      icon={
        dark ? (
          <path d="M20 14.5A8 8 0 0 1 9.5 4a8 8 0 1 0 10.5 10.5z" />
        ) : (
          <>
            <circle cx="12" cy="12" r="4" />
            <path d="M12 2v2M12 20v2M4.9 4.9l1.4 1.4M17.7 17.7l1.4 1.4M2 12h2M20 12h2M4.9 19.1l1.4-1.4M17.7 6.3l1.4-1.4" />
          </>
        )
      }
    />
  );
}
