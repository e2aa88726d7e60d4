"use client";

import { useCallback, useEffect, useState, type ReactNode } from "react";
import { Alert } from "@/components/ui/Alert";
import { Button, ButtonLink } from "@/components/ui/Button";
import { Card } from "@/components/ui/Card";
import { cx } from "@/components/ui/cx";
import { Skeleton } from "@/components/ui/Skeleton";
import { Truncate } from "@/components/ui/Truncate";
import { api } from "@/lib/api";
import type { DashboardData } from "@/lib/types";

function formatDate(value: string): string {
  const date = new Date(value);
  return Number.isNaN(date.getTime())
    ? value
    : date.toLocaleDateString(undefined, { dateStyle: "medium" });
}

/** One figure of the dashboard, inside its <dl>: a label and its value. */
export function Stat({
  label,
  wide = false,
  children,
}: {
  label: string;
  /** Takes twice the room of a number: for text such as an email. */
  wide?: boolean;
  children: ReactNode;
}) {
  return (
    <div
      className={cx(
        "min-w-0 rounded-lg border border-border bg-surface p-4 shadow-sm",
        wide ? "grow-[2] basis-72" : "grow basis-40",
      )}
    >
      <dt className="text-sm text-muted">{label}</dt>
      <dd className="mt-1 text-2xl font-semibold tabular-nums">{children}</dd>
    </div>
  );
}

function DashboardSkeleton() {
  return (
    <div className="space-y-6">
      <p role="status" className="sr-only">
        Loading your dashboard
      </p>
      <Skeleton className="h-8 w-64 max-w-full" />
      <div className="flex flex-wrap gap-4">
        <Skeleton className="h-24 grow-[2] basis-72" />
        <Skeleton className="h-24 grow basis-40" />
      </div>
      <Skeleton className="h-48" />
    </div>
  );
}

interface DashboardViewProps {
  /** Figures shown after the user's own, from the same answer. */
  stats?: (data: DashboardData) => ReactNode;
  /** What follows the figures; `reload` asks for the dashboard again. */
  children?: (reload: () => void) => ReactNode;
}

/**
 * The signed-in user's own data, from GET /api/dashboard: loading, errors
 * and the user's figures. components/Dashboard.tsx adds what the project's
 * dashboard shows besides.
 */
export default function DashboardView({ stats, children }: DashboardViewProps) {
  const [data, setData] = useState<DashboardData | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [retrying, setRetrying] = useState(false);

  const load = useCallback(
    () =>
      api<DashboardData>("/api/dashboard").then(
        (answer) => {
          setData(answer);
          setError(null);
        },
        (caught: unknown) => {
          setError(
            caught instanceof Error
              ? caught.message
              : "Could not load the dashboard.",
          );
        },
      ),
    [],
  );

  useEffect(() => {
    void load();
  }, [load]);

  const reload = useCallback(() => void load(), [load]);

  function retry() {
    setRetrying(true);
    void load().finally(() => setRetrying(false));
  }

  if (error && !data) {
    return (
      <Alert tone="error" title="Your dashboard could not be loaded">
        <p>{error}</p>
        <Button size="sm" className="mt-2" loading={retrying} onClick={retry}>
          Try again
        </Button>
      </Alert>
    );
  }
  if (!data) {
    return <DashboardSkeleton />;
  }

  const { user } = data;
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl break-words sm:text-3xl">
          Welcome, {user.name}
        </h1>
        <p className="mt-1 text-muted">Your account at a glance.</p>
      </div>
      <dl className="flex flex-wrap gap-4">
        <Stat label="Email" wide>
          <Truncate value={user.email} className="text-lg" />
        </Stat>
        <Stat label="Member since">
          <span className="text-lg">{formatDate(user.created_at)}</span>
        </Stat>
        {stats?.(data)}
      </dl>
      {children?.(reload)}
      <Card title="Your profile">
        <p className="text-sm text-muted">
          Change your name and details or your password, and see the devices you
          are signed in on.
        </p>
        <ButtonLink href="/profile" className="mt-4">
          Manage your account
        </ButtonLink>
      </Card>
    </div>
  );
}
