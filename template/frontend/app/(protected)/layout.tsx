"use client";

import { useRouter } from "next/navigation";
import { useEffect, type ReactNode } from "react";
import Spinner from "@/components/Spinner";
import { useAuth } from "@/lib/auth/context";
import { currentPath, loginUrl } from "@/lib/navigation";

/**
 * Pages only signed-in users may see. Nothing of them renders until the
 * session check has answered; visitors go to /login?next=<this page>.
 */
export default function ProtectedLayout({ children }: { children: ReactNode }) {
  const { user, loading } = useAuth();
  const router = useRouter();

  useEffect(() => {
    if (!loading && !user) {
      router.replace(loginUrl(currentPath()));
    }
  }, [loading, user, router]);

  if (loading || !user) {
    return <Spinner label="Checking your session" />;
  }
  return children;
}
