import type { Metadata } from "next";
import { ButtonLink } from "@/components/ui/Button";

export const metadata: Metadata = { title: "Page not found" };

export default function NotFound() {
  return (
    <section className="flex flex-col items-center gap-4 py-12 text-center sm:py-20">
      <p className="text-sm font-semibold tracking-widest text-primary">404</p>
      <h1 className="text-3xl">Page not found</h1>
      <p className="max-w-md text-muted">
        There is no page at this address. It may have moved, or the link may be
        mistyped.
      </p>
      <ButtonLink href="/" variant="primary" className="mt-2">
        Go to the home page
      </ButtonLink>
    </section>
  );
}
