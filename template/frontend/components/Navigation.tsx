"use client";

import Link from "next/link";
import { usePathname, useRouter } from "next/navigation";
import toast from "react-hot-toast";
import { useAuth } from "@/lib/auth/context";
import { appName, protectedPages, type NavLink } from "@/lib/config";

const PROFILE_LINK: NavLink = { href: "/profile", label: "Profile" };

function isActive(pathname: string, href: string): boolean {
  return pathname === href || pathname.startsWith(`${href}/`);
}

export default function Navigation() {
  const { user, loading, logout } = useAuth();
  const pathname = usePathname();
  const router = useRouter();

  async function handleLogout() {
    try {
      await logout();
      router.push("/login");
      toast.success("Signed out.");
    } catch (error) {
      toast.error(
        error instanceof Error ? error.message : "Could not sign out.",
      );
    }
  }

  const links = user ? [...protectedPages, PROFILE_LINK] : [];

  return (
    <header className="site-header">
      <nav className="nav" aria-label="Main">
        <Link href="/" className="brand">
          {appName}
        </Link>
        <ul className="nav-links">
          {links.map((link) => (
            <li key={link.href}>
              <Link
                href={link.href}
                aria-current={
                  isActive(pathname, link.href) ? "page" : undefined
                }
              >
                {link.label}
              </Link>
            </li>
          ))}
        </ul>
        <div className="nav-user">
          {loading ? null : user ? (
            <>
              <span className="nav-name">{user.name}</span>
              <button
                type="button"
                className="button"
                onClick={() => void handleLogout()}
              >
                Sign out
              </button>
            </>
          ) : (
            <>
              <Link href="/login">Sign in</Link>
              <Link href="/register" className="button button-primary">
                Create account
              </Link>
            </>
          )}
        </div>
      </nav>
    </header>
  );
}
