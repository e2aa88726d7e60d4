"use client";

import { useCallback, useEffect, useState, type ReactNode } from "react";
import Spinner from "@/components/Spinner";
import { api } from "@/lib/api";
import type { DashboardData } from "@/lib/types";

function formatDate(value: string): string {
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? value : date.toLocaleDateString();
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

  if (error && !data) {
    return (
      <p className="alert" role="alert">
        {error}
      </p>
    );
  }
  if (!data) {
    return <Spinner label="Loading your dashboard" />;
  }

  const { user } = data;
  return (
    <section className="stack">
      <h1>Welcome, {user.name}</h1>
      <dl className="stats">
        <div className="stat">
          <dt>Email</dt>
          <dd>{user.email}</dd>
        </div>
        <div className="stat">
          <dt>Member since</dt>
          <dd>{formatDate(user.created_at)}</dd>
        </div>
        {stats?.(data)}
      </dl>
      {children?.(() => void load())}
    </section>
  );
}
