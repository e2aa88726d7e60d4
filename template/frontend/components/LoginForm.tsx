"use client";

import Link from "next/link";
import { useState, useSyncExternalStore, type FormEvent } from "react";
import toast from "react-hot-toast";
import FormField, { fieldA11y } from "@/components/FormField";
import { ApiError } from "@/lib/api";
import { useAuth } from "@/lib/auth/context";
import { loginReason } from "@/lib/navigation";

/** The query string of the login page does not change while it is open. */
function subscribeToNothing(): () => void {
  return () => {};
}

/** "Try again in 15 minutes.", from a Retry-After in seconds. */
export function tryAgainIn(seconds: number): string {
  if (seconds < 60) {
    return seconds <= 1
      ? "Try again in a second."
      : `Try again in ${seconds} seconds.`;
  }
  const minutes = Math.ceil(seconds / 60);
  if (minutes < 60) {
    return minutes === 1
      ? "Try again in a minute."
      : `Try again in ${minutes} minutes.`;
  }
  const hours = Math.ceil(minutes / 60);
  return hours === 1 ? "Try again in an hour." : `Try again in ${hours} hours.`;
}

export default function LoginForm() {
  const { login } = useAuth();
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [submitting, setSubmitting] = useState(false);
  // Read in the browser only: the built page is the same for every query.
  const sessionEnded = useSyncExternalStore(
    subscribeToNothing,
    () => loginReason(window.location.search) === "expired",
    () => false,
  );

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setSubmitting(true);
    setErrors({});
    try {
      // On success the (auth) layout sends the user on.
      await login(email, password);
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) {
        // Same message for an unknown email and a wrong password.
        toast.error("Incorrect email or password.");
      } else if (
        error instanceof ApiError &&
        error.retryAfterSeconds !== null
      ) {
        toast.error(
          `${error.status === 429 ? "Too many attempts." : "The server is busy."} ` +
            tryAgainIn(error.retryAfterSeconds),
        );
      } else if (error instanceof ApiError) {
        setErrors(error.fieldErrors);
        toast.error(error.message);
      } else {
        toast.error("Something went wrong. Please try again.");
      }
      setSubmitting(false);
    }
  }

  return (
    <form className="card form" onSubmit={handleSubmit}>
      <h1>Sign in</h1>
      {sessionEnded ? (
        <p className="form-note" role="status">
          Your session has ended. Please sign in again.
        </p>
      ) : null}
      <FormField id="email" label="Email" error={errors.email}>
        <input
          id="email"
          name="email"
          type="email"
          autoComplete="email"
          required
          value={email}
          onChange={(event) => setEmail(event.target.value)}
          {...fieldA11y("email", errors.email)}
        />
      </FormField>
      <FormField id="password" label="Password" error={errors.password}>
        <input
          id="password"
          name="password"
          type="password"
          autoComplete="current-password"
          required
          value={password}
          onChange={(event) => setPassword(event.target.value)}
          {...fieldA11y("password", errors.password)}
        />
      </FormField>
      <button
        type="submit"
        className="button button-primary"
        disabled={submitting}
      >
        {submitting ? "Signing in…" : "Sign in"}
      </button>
      <p className="form-footer">
        No account yet? <Link href="/register">Create one</Link>
      </p>
    </form>
  );
}
