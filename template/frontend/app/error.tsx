"use client";

import { useEffect } from "react";
import { Button, ButtonLink } from "@/components/ui/Button";

/**
 * Shown in place of a page that failed while rendering; the header and
 * footer stay. "Try again" renders the page anew.
 */
export default function PageError({
  error,
  reset,
}: {
  error: Error & { digest?: string };
  reset: () => void;
}) {
  useEffect(() => {
    // The browser's console keeps the cause for whoever investigates.
    console.error(error);
  }, [error]);

  return (
    <section
      role="alert"
      className="flex flex-col items-center gap-4 py-12 text-center sm:py-20"
    >
      <h1 className="text-3xl">Something went wrong</h1>
      <p className="max-w-md text-muted">
        This page could not be shown. Try again; if it keeps failing, start over
        from the home page.
      </p>
      <div className="mt-2 flex flex-wrap justify-center gap-3">
        <Button variant="primary" onClick={reset}>
          Try again
        </Button>
        <ButtonLink href="/">Go to the home page</ButtonLink>
      </div>
    </section>
  );
}
