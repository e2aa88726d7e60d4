import { useSyncExternalStore } from "react";

// Tailwind's `sm` breakpoint: from this width on, the header holds every
// item and toasts sit in the bottom-right corner.
const WIDE = "(min-width: 640px)";

function subscribe(onChange: () => void): () => void {
  const query = window.matchMedia(WIDE);
  query.addEventListener("change", onChange);
  return () => query.removeEventListener("change", onChange);
}

/**
 * Whether the window is at least 640 px wide, following resizes. The server
 * (and the first client render) assume a wide screen.
 */
export function useWideScreen(): boolean {
  return useSyncExternalStore(
    subscribe,
    () => window.matchMedia(WIDE).matches,
    () => true,
  );
}
