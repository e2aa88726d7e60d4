"use client";

import { Toaster } from "react-hot-toast";
import { useWideScreen } from "@/lib/screen";

/**
 * Toasts at the bottom, away from the header and the form fields at the
 * top of a page: bottom-right on wide screens, bottom-centre on phones.
 */
export default function Toasts() {
  const wide = useWideScreen();
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
