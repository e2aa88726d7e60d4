"use client";

import Link from "next/link";
import { usePathname, useRouter } from "next/navigation";
import ThemeToggle from "@/components/ThemeToggle";
import { Button, ButtonLink } from "@/components/ui/Button";
import { Menu } from "@/components/ui/Menu";
import { Skeleton } from "@/components/ui/Skeleton";
import { Truncate } from "@/components/ui/Truncate";
import { cx } from "@/components/ui/cx";
import { useAuth } from "@/lib/auth/context";
import { protectedPages, type NavLink } from "@/lib/config";
import { notifyError, notifySuccess } from "@/lib/notify";
import { useWideScreen } from "@/lib/screen";

const PROFILE_LINK: NavLink = { href: "/profile", label: "Profile" };

function isActive(pathname: string, href: string): boolean {
  return pathname === href || pathname.startsWith(`${href}/`);
}

const LINK =
  "rounded-md px-3 py-2 text-sm font-medium text-muted no-underline hover:bg-subtle hover:text-fg hover:no-underline aria-[current=page]:bg-subtle aria-[current=page]:text-fg";

function PageLinks({ links, wide }: { links: NavLink[]; wide: boolean }) {
  const pathname = usePathname();
  return (
    <ul className={cx("flex", wide ? "flex-wrap gap-1" : "flex-col")}>
      {links.map((link) => (
        <li key={link.href}>
          <Link
            href={link.href}
            aria-current={isActive(pathname, link.href) ? "page" : undefined}
            className={cx(LINK, wide ? "inline-block" : "block")}
          >
            {link.label}
          </Link>
        </li>
      ))}
    </ul>
  );
}

function SignedOutActions({ wide }: { wide: boolean }) {
  return (
    <div className={cx("flex gap-2", wide ? "items-center" : "flex-col")}>
      <Link href="/login" className={cx(LINK, !wide && "block")}>
        Sign in
      </Link>
      <ButtonLink href="/register" variant="primary" size="sm">
        Create account
      </ButtonLink>
    </div>
  );
}

function AccountActions({ name, wide }: { name: string; wide: boolean }) {
  const { logout } = useAuth();
  const router = useRouter();

  async function handleLogout() {
    try {
      await logout();
      router.push("/login");
      notifySuccess("sign-out", "Signed out.");
    } catch (error) {
      notifyError(
        "sign-out",
        error instanceof Error ? error.message : "Could not sign out.",
      );
    }
  }

  return (
    <div
      className={cx(
        "flex min-w-0 gap-3",
        wide ? "items-center" : "flex-col px-3 py-2",
      )}
    >
      <p className="min-w-0 text-sm text-muted">
        {wide ? null : <span className="block">Signed in as</span>}
        <Truncate
          value={name}
          className={cx("font-medium text-fg", wide && "max-w-40")}
        />
      </p>
      <Button size="sm" onClick={() => void handleLogout()}>
        Sign out
      </Button>
    </div>
  );
}

/**
 * The header's links and account actions: the protected pages and the
 * profile with the user's name and "Sign out", or "Sign in" and "Create
 * account". Below 640 px they fold into a menu; the theme toggle stays out.
 */
export default function Navigation() {
  const { user, loading } = useAuth();
  // Whether the items go in the header bar or in the menu is decided here,
  // not with CSS, so the page holds each item once: screen readers (and
  // tests) find one "Sign out", not a second one hidden in a closed menu.
  const wide = useWideScreen();

  if (loading) {
    return (
      <div className="ml-auto flex items-center gap-2">
        <Skeleton className="hidden h-8 w-48 sm:block" />
        <ThemeToggle />
        <Skeleton className="size-10 sm:hidden" />
      </div>
    );
  }

  const links = user ? [...protectedPages, PROFILE_LINK] : [];
  const actions = user ? (
    <AccountActions name={user.name} wide={wide} />
  ) : (
    <SignedOutActions wide={wide} />
  );

  if (wide) {
    return (
      <div className="flex min-w-0 flex-1 items-center gap-2">
        <nav
          aria-label="Main"
          className="flex min-w-0 flex-1 items-center gap-4"
        >
          {links.length > 0 ? <PageLinks links={links} wide /> : null}
          <div className="ml-auto min-w-0">{actions}</div>
        </nav>
        <ThemeToggle />
      </div>
    );
  }
  return (
    <div className="ml-auto flex items-center gap-2">
      <ThemeToggle />
      <Menu label="Menu">
        <nav aria-label="Main" className="flex flex-col gap-2">
          {links.length > 0 ? <PageLinks links={links} wide={false} /> : null}
          <div
            className={cx(links.length > 0 && "border-t border-border pt-2")}
          >
            {actions}
          </div>
        </nav>
      </Menu>
    </div>
  );
}
