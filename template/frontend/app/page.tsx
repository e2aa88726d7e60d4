"use client";

import LogoMark from "@/components/LogoMark";
import { ButtonLink } from "@/components/ui/Button";
import { Skeleton } from "@/components/ui/Skeleton";
import { useAuth } from "@/lib/auth/context";
import { appName, homePath, protectedPages } from "@/lib/config";

const HOME_PAGE_LABEL = protectedPages[0].label;

function Greeting() {
  const { user, loading } = useAuth();

  if (loading) {
    return (
      <div role="status" className="flex flex-col items-center gap-3">
        <span className="sr-only">Checking your session</span>
        <Skeleton className="h-6 w-56" />
        <Skeleton className="h-10 w-44" />
      </div>
    );
  }
  if (user) {
    return (
      <div className="flex max-w-full flex-col items-center gap-3">
        <p className="max-w-full text-lg font-medium break-words">
          Welcome back, {user.name}.
        </p>
        <ButtonLink href={homePath} variant="primary">
          Go to {HOME_PAGE_LABEL}
        </ButtonLink>
      </div>
    );
  }
  return (
    <div className="flex flex-wrap justify-center gap-3">
      <ButtonLink href="/register" variant="primary">
        Create an account
      </ButtonLink>
      <ButtonLink href="/login">Sign in</ButtonLink>
    </div>
  );
}

export default function HomePage() {
  return (
    <section className="flex flex-col items-center gap-8 py-8 text-center sm:py-16">
      <LogoMark className="size-14" />
      <div className="max-w-xl space-y-3">
        <h1 className="text-3xl break-words sm:text-4xl">{appName}</h1>
        <p className="text-lg text-muted">
          Your pages and your profile, private to you: only you see them, on any
          device you sign in on.
        </p>
      </div>
      <Greeting />
    </section>
  );
}
