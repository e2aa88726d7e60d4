"use client";

import { useCallback, useEffect, useState } from "react";
import toast from "react-hot-toast";
import { api } from "@/lib/api";
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
      toast.success(done);
    } catch (caught) {
      toast.error(errorMessage(caught, "Could not sign out that device."));
    } finally {
      await load();
      setBusy(false);
    }
  }

  const others = sessions?.filter((session) => !session.current) ?? [];

  return (
    <section className="card stack" aria-labelledby="sessions-heading">
      <h2 id="sessions-heading">Signed-in devices</h2>
      {error ? (
        <p className="alert" role="alert">
          {error}
        </p>
      ) : null}
      {sessions === null ? (
        error ? null : (
          <p className="muted">Loading your devices…</p>
        )
      ) : (
        <ul className="stack" aria-label="Signed-in devices">
          {sessions.map((session) => (
            <li key={session.id}>
              <strong>{describeUserAgent(session.user_agent)}</strong>
              {session.current ? <span> · This device</span> : null}
              <p className="muted">
                {session.ip ?? "Unknown address"} · last active{" "}
                <time dateTime={session.last_used_at}>
                  {timeAgo(session.last_used_at)}
                </time>
              </p>
              {session.current ? null : (
                <button
                  type="button"
                  className="button"
                  disabled={busy}
                  aria-label={`Sign out ${describeUserAgent(session.user_agent)}`}
                  onClick={() => void end([session.id], "Device signed out.")}
                >
                  Sign out
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {others.length > 0 ? (
        <button
          type="button"
          className="button button-danger"
          disabled={busy}
          onClick={() =>
            void end(
              others.map((session) => session.id),
              "Signed out of all other devices.",
            )
          }
        >
          Sign out of all other devices
        </button>
      ) : null}
    </section>
  );
}
