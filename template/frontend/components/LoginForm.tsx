"use client";

import Link from "next/link";
import { useRef, useState, useSyncExternalStore, type FormEvent } from "react";
import AuthCard from "@/components/AuthCard";
import LoginHelp from "@/components/LoginHelp";
import { useLoginRefusal } from "@/components/LoginRefusal";
import { Alert } from "@/components/ui/Alert";
import { Button } from "@/components/ui/Button";
import { InputField, useFocusFirstInvalid } from "@/components/ui/Field";
import { ApiError } from "@/lib/api";
import { useAuth } from "@/lib/auth/context";
import { tryAgainIn } from "@/lib/messages";
import { loginReason } from "@/lib/navigation";
import { notifyError } from "@/lib/notify";

/** The query string of the login page does not change while it is open. */
function subscribeToNothing(): () => void {
  return () => {};
}

/** The toast of a refused sign-in the form has no field to show it at. */
function refusalMessage(error: unknown): string {
  if (!(error instanceof ApiError)) {
    return "Something went wrong. Please try again.";
  }
  if (error.status === 401) {
    // Same message for an unknown email and a wrong password.
    return "Incorrect email or password.";
  }
  if (error.retryAfterSeconds !== null) {
    const reason =
      error.status === 429 ? "Too many attempts." : "The server is busy.";
    return `${reason} ${tryAgainIn(error.retryAfterSeconds)}`;
  }
  return error.message;
}

export default function LoginForm() {
  const { login } = useAuth();
  const refusal = useLoginRefusal();
  const form = useRef<HTMLFormElement>(null);
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [submitting, setSubmitting] = useState(false);
  useFocusFirstInvalid(form, errors);
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
    refusal.reset();
    try {
      // On success the (auth) layout sends the user on.
      await login(email, password);
    } catch (error) {
      if (!refusal.explains(error, email)) {
        if (error instanceof ApiError && error.status !== 401) {
          setErrors(error.fieldErrors);
        }
        notifyError("sign-in", refusalMessage(error));
      }
      setSubmitting(false);
    }
  }

  return (
    <AuthCard
      title="Sign in"
      description="Welcome back. Sign in with your email and password."
      links={
        <>
          <LoginHelp />
          <p>
            No account yet? <Link href="/register">Create one</Link>
          </p>
        </>
      }
    >
      <form ref={form} className="space-y-4" onSubmit={handleSubmit}>
        {sessionEnded ? (
          <Alert tone="info">
            Your session has ended. Please sign in again.
          </Alert>
        ) : null}
        <InputField
          id="email"
          label="Email"
          error={errors.email}
          name="email"
          type="email"
          autoComplete="email"
          required
          markRequired={false}
          value={email}
          onChange={(event) => setEmail(event.target.value)}
        />
        <InputField
          id="password"
          label="Password"
          error={errors.password}
          name="password"
          type="password"
          autoComplete="current-password"
          required
          markRequired={false}
          value={password}
          onChange={(event) => setPassword(event.target.value)}
        />
        <Button
          type="submit"
          variant="primary"
          className="w-full"
          loading={submitting}
        >
          Sign in
        </Button>
        {refusal.notice}
      </form>
    </AuthCard>
  );
}
