"use client";

import { Button, buttonClasses } from "@/components/ui/Button";
import { themeScript } from "@/lib/theme";
import "./globals.css";

/**
 * The last resort, when the root layout itself failed: it replaces the
 * whole document, so it brings its own <html> and <body>.
 */
export default function GlobalError({ reset }: { reset: () => void }) {
  return (
    <html lang="en" suppressHydrationWarning>
      <head>
        <script dangerouslySetInnerHTML={{ __html: themeScript }} />
        <title>Something went wrong</title>
      </head>
      <body>
        <main className="mx-auto flex min-h-dvh max-w-md flex-col items-center justify-center gap-4 px-4 text-center">
          <h1 className="text-3xl">Something went wrong</h1>
          <p className="text-muted">The app could not start this page.</p>
          <div className="flex flex-wrap justify-center gap-3">
            <Button variant="primary" onClick={reset}>
              Try again
            </Button>
            {/* eslint-disable-next-line @next/next/no-html-link-for-pages -- a full page load: nothing of the failed app is reused */}
            <a href="/" className={buttonClasses()}>
              Go to the home page
            </a>
          </div>
        </main>
      </body>
    </html>
  );
}
