import Link from "next/link";
import LogoMark from "@/components/LogoMark";
import Navigation from "@/components/Navigation";
import { appName } from "@/lib/config";

/** The bar on top of every page: the app's mark and name, then the navigation. */
export default function Header() {
  return (
    <header className="border-b border-border bg-surface">
      <div className="mx-auto flex min-h-16 max-w-4xl items-center gap-4 px-4 py-3">
        <Link
          href="/"
          className="flex min-w-0 shrink items-center gap-2 font-semibold text-fg no-underline hover:no-underline"
        >
          <LogoMark />
          <span className="truncate">{appName}</span>
        </Link>
        <Navigation />
      </div>
    </header>
  );
}
