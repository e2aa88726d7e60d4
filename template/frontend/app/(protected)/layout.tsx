"use client";

import { useRouter } from "next/navigation";
import { useEffect, type ReactNode } from "react";
import { PageSkeleton } from "@/components/PageSkeleton";
import { useAuth } from "@/lib/auth/context";
import { currentPath, loginUrl } from "@/lib/navigation";

/**
 * Pages only signed-in users may see. Nothing of them renders until the
 * session check has answered; visitors go to /login?next=<this page>.
 */
export default function ProtectedLayout({ children }: { children: ReactNode }) {
  const { user, loading, sessionEnded } = useAuth();
  const router = useRouter();

  useEffect(() => {
    if (!loading && !user) {
      // The same address as the API client's, when it found the session over.
      router.replace(
        loginUrl(currentPath(), sessionEnded ? "expired" : undefined),
      );
    }
  }, [loading, user, sessionEnded, router]);

  if (loading || !user) {
    return <PageSkeleton label="Checking your session" />;
  }
  return children;
}
