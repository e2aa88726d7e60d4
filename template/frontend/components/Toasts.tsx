"use client";

import { useSyncExternalStore } from "react";
import { Toaster } from "react-hot-toast";

const WIDE = "(min-width: 640px)";

function subscribe(onChange: () => void): () => void {
  const query = window.matchMedia(WIDE);
  query.addEventListener("change", onChange);
  return () => query.removeEventListener("change", onChange);
}

/**
 * Toasts at the bottom, away from the header and the form fields at the
 * top of a page: bottom-right on wide screens, bottom-centre on phones.
 */
export default function Toasts() {
  const wide = useSyncExternalStore(
    subscribe,
    () => window.matchMedia(WIDE).matches,
    () => true,
  );
  return (
    <Toaster
      position={wide ? "bottom-right" : "bottom-center"}
      toastOptions={{
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
