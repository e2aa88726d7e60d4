"use client";

import { useRouter } from "next/navigation";
import { useEffect, type ReactNode } from "react";
import { FormSkeleton } from "@/components/PageSkeleton";
import { useAuth } from "@/lib/auth/context";
import { afterLoginPath } from "@/lib/navigation";

/** Login and register: a signed-in user goes on to ?next= or the home page. */
export default function AuthLayout({ children }: { children: ReactNode }) {
  const { user, loading } = useAuth();
  const router = useRouter();

  useEffect(() => {
    if (user) {
      const next = new URLSearchParams(window.location.search).get("next");
      router.replace(afterLoginPath(next));
    }
  }, [user, router]);

  if (loading || user) {
    return <FormSkeleton label="Checking your session" />;
  }
  return <div className="mx-auto w-full max-w-md">{children}</div>;
}
