import Link from "next/link";
import LogoMark from "@/components/LogoMark";
import { appName } from "@/lib/config";

/** The line under every page. */
export default function Footer() {
  return (
    <footer className="border-t border-border">
      <div className="mx-auto flex max-w-4xl flex-col gap-2 px-4 py-6 text-sm text-muted sm:flex-row sm:items-center sm:justify-between">
        <Link
          href="/"
          className="flex items-center gap-2 font-medium text-fg no-underline hover:no-underline"
        >
          <LogoMark className="size-5" />
          {appName}
        </Link>
        <p>Built with FastAPI and Next.js.</p>
      </div>
    </footer>
  );
}
