"use client";

import { Toaster } from "react-hot-toast";
import { useWideScreen } from "@/lib/screen";

/**
 * Toasts at the bottom, away from the header and the form fields at the
 * top of a page: bottom-right on wide screens, bottom-centre on phones.
 * Each stays 5 s (react-hot-toast shows a success for 2 s only, too short
 * to read "Signed out of all other devices." after a page change), longer
 * while the pointer is on it.
 */
export default function Toasts() {
  const wide = useWideScreen();
  return (
    <Toaster
      position={wide ? "bottom-right" : "bottom-center"}
      toastOptions={{
        duration: 5_000,
        style: {
          background: "var(--app-surface)",
          color: "var(--app-fg)",
          border: "1px solid var(--app-border)",
          maxWidth: "24rem",
          overflowWrap: "anywhere",
        },
      }}
    />
  );
}
