"use client";

import { useCallback, useEffect, useState } from "react";
import { Alert } from "@/components/ui/Alert";
import { Button } from "@/components/ui/Button";
import { Card } from "@/components/ui/Card";
import { Skeleton } from "@/components/ui/Skeleton";
import { api } from "@/lib/api";
import { notifyError, notifySuccess } from "@/lib/notify";
import type { SessionPublic } from "@/lib/types";
import { describeUserAgent } from "@/lib/user-agent";

const relativeTime = new Intl.RelativeTimeFormat("en", { numeric: "auto" });

const UNITS: readonly [Intl.RelativeTimeFormatUnit, number][] = [
  ["day", 86_400],
  ["hour", 3_600],
  ["minute", 60],
];

/** "just now", "5 minutes ago", "yesterday": how long ago `iso` was. */
export function timeAgo(iso: string, now: number = Date.now()): string {
  const seconds = Math.round((new Date(iso).getTime() - now) / 1000);
  for (const [unit, size] of UNITS) {
    if (Math.abs(seconds) >= size) {
      return relativeTime.format(Math.round(seconds / size), unit);
    }
  }
  return "just now";
}

function errorMessage(error: unknown, fallback: string): string {
  return error instanceof Error ? error.message : fallback;
}

/** Grey rows where the devices will be, read out as loading. */
function LoadingDevices() {
  return (
    <div className="space-y-3">
      <p className="sr-only" role="status">
        Loading your devices…
      </p>
      {[0, 1].map((row) => (
        <div key={row} className="space-y-2">
          <Skeleton className="h-4 w-40" />
          <Skeleton className="h-3 w-56 max-w-full" />
        </div>
      ))}
    </div>
  );
}

/**
 * The user's signed-in devices (one per sign-in, newest first), each of the
 * others with a button that ends it. `version` changes when something else
 * on the page ended sessions (a password change), to load the list again.
 */
export default function SessionList({ version = 0 }: { version?: number }) {
  const [sessions, setSessions] = useState<SessionPublic[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const load = useCallback(
    () =>
      api<SessionPublic[]>("/api/auth/sessions").then(
        (answer) => {
          setSessions(answer);
          setError(null);
        },
        (caught: unknown) => {
          setError(errorMessage(caught, "Could not load your devices."));
        },
      ),
    [],
  );

  useEffect(() => {
    void load();
  }, [load, version]);

  async function end(ids: string[], done: string) {
    setBusy(true);
    try {
      for (const id of ids) {
        await api<void>(`/api/auth/sessions/${encodeURIComponent(id)}`, {
          method: "DELETE",
        });
      }
      notifySuccess("devices", done);
    } catch (caught) {
      notifyError(
        "devices",
        errorMessage(caught, "Could not sign out that device."),
      );
    } finally {
      await load();
      setBusy(false);
    }
  }

  const others = sessions?.filter((session) => !session.current) ?? [];

  return (
    <Card
      title="Signed-in devices"
      description="Each sign-in is a device. Sign out the ones you no longer use."
    >
      {error ? (
        <Alert tone="error" className="mb-4">
          {error}
        </Alert>
      ) : null}
      {sessions === null ? (
        error ? null : (
          <LoadingDevices />
        )
      ) : (
        <ul className="divide-y divide-border" aria-label="Signed-in devices">
          {sessions.map((session) => {
            const device = describeUserAgent(session.user_agent);
            return (
              <li
                key={session.id}
                className="flex flex-wrap items-center justify-between gap-x-4 gap-y-2 py-3 first:pt-0 last:pb-0"
              >
                <div className="min-w-0 flex-1">
                  <p className="flex flex-wrap items-center gap-x-2 gap-y-1 font-medium">
                    <span className="wrap-anywhere">{device}</span>
                    {session.current ? (
                      <span className="rounded-full border border-primary px-2 py-0.5 text-xs font-medium text-primary">
                        This device
                      </span>
                    ) : null}
                  </p>
                  <p className="text-sm wrap-anywhere text-muted">
                    {session.ip ?? "Unknown address"} · last active{" "}
                    <time
                      dateTime={session.last_used_at}
                      title={new Date(session.last_used_at).toLocaleString()}
                    >
                      {timeAgo(session.last_used_at)}
                    </time>
                  </p>
                </div>
                {session.current ? null : (
                  <Button
                    size="sm"
                    disabled={busy}
                    aria-label={`Sign out ${device}`}
                    onClick={() => void end([session.id], "Device signed out.")}
                  >
                    Sign out
                  </Button>
                )}
              </li>
            );
          })}
        </ul>
      )}
      {others.length > 0 ? (
        <div className="mt-4 flex justify-end border-t border-border pt-4">
          <Button
            variant="danger"
            disabled={busy}
            onClick={() =>
              void end(
                others.map((session) => session.id),
                "Signed out of all other devices.",
              )
            }
          >
            Sign out of all other devices
          </Button>
        </div>
      ) : null}
    </Card>
  );
}
