"use client";

import Link from "next/link";
import { useRef, useState, type FormEvent } from "react";
import AuthCard from "@/components/AuthCard";
import { useExtraFields } from "@/components/ExtraFields";
import { Button } from "@/components/ui/Button";
import { InputField, useFocusFirstInvalid } from "@/components/ui/Field";
import { ApiError } from "@/lib/api";
import { PASSWORD_HINT } from "@/lib/messages";
import { notifyError } from "@/lib/notify";
import type { RegisterRequest } from "@/lib/types";

/**
 * The registration form; `onSubmit` sends it (components/Registration.tsx)
 * and throws the backend's refusal, shown here field by field.
 */
export default function RegisterForm({
  onSubmit,
}: {
  onSubmit: (registration: RegisterRequest) => Promise<void>;
}) {
  const form = useRef<HTMLFormElement>(null);
  const [email, setEmail] = useState("");
  const [name, setName] = useState("");
  const [password, setPassword] = useState("");
  const extra = useExtraFields();
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [submitting, setSubmitting] = useState(false);
  useFocusFirstInvalid(form, errors);

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setSubmitting(true);
    setErrors({});
    try {
      await onSubmit({ email, password, name, ...extra.payload() });
    } catch (error) {
      if (error instanceof ApiError) {
        setErrors(error.fieldErrors);
        notifyError("sign-up", error.message);
      } else {
        notifyError("sign-up", "Something went wrong. Please try again.");
      }
      setSubmitting(false);
    }
  }

  return (
    <AuthCard
      title="Create an account"
      description="Fields marked * are required."
      links={
        <p>
          Already registered? <Link href="/login">Sign in</Link>
        </p>
      }
    >
      <form ref={form} className="space-y-4" onSubmit={handleSubmit}>
        <InputField
          id="email"
          label="Email"
          error={errors.email}
          name="email"
          type="email"
          autoComplete="email"
          required
          value={email}
          onChange={(event) => setEmail(event.target.value)}
        />
        <InputField
          id="name"
          label="Name"
          error={errors.name}
          name="name"
          type="text"
          autoComplete="name"
          required
          value={name}
          onChange={(event) => setName(event.target.value)}
        />
        <InputField
          id="password"
          label="Password"
          error={errors.password}
          hint={PASSWORD_HINT}
          name="password"
          type="password"
          autoComplete="new-password"
          required
          minLength={8}
          value={password}
          onChange={(event) => setPassword(event.target.value)}
        />
        {extra.inputs(errors)}
        <Button
          type="submit"
          variant="primary"
          className="w-full"
          loading={submitting}
        >
          Create account
        </Button>
      </form>
    </AuthCard>
  );
}
