"use client";

import Link from "next/link";
import { useAuth } from "@/lib/auth/context";
import { appName, homePath } from "@/lib/config";

export default function HomePage() {
  const { user, loading } = useAuth();

  return (
    <section className="hero">
      <h1>{appName}</h1>
      {loading ? null : user ? (
        <>
          <p>Welcome back, {user.name}.</p>
          <p>
            <Link href={homePath} className="button button-primary">
              Continue
            </Link>
          </p>
        </>
      ) : (
        <>
          <p>Sign in to see your own data.</p>
          <p className="actions">
            <Link href="/register" className="button button-primary">
              Create an account
            </Link>
            <Link href="/login" className="button">
              Sign in
            </Link>
          </p>
        </>
      )}
    </section>
  );
}
