"use client";

import { useState, type FormEvent } from "react";
import toast from "react-hot-toast";
import FormField, { fieldA11y } from "@/components/FormField";
import { api, ApiError } from "@/lib/api";
import type { PasswordChange } from "@/lib/types";

/** Current and new password; the backend ends every other session. */
export default function ChangePasswordForm({
  onChanged,
}: {
  onChanged?: () => void;
}) {
  const [currentPassword, setCurrentPassword] = useState("");
  const [newPassword, setNewPassword] = useState("");
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [saving, setSaving] = useState(false);

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setSaving(true);
    setErrors({});
    try {
      const body: PasswordChange = {
        current_password: currentPassword,
        new_password: newPassword,
      };
      await api<void>("/api/auth/password", { method: "POST", body });
      setCurrentPassword("");
      setNewPassword("");
      toast.success("Password changed. Your other devices are signed out.");
      onChanged?.();
    } catch (error) {
      if (error instanceof ApiError) {
        setErrors(error.fieldErrors);
        toast.error(error.message);
      } else {
        toast.error("Something went wrong. Please try again.");
      }
    } finally {
      setSaving(false);
    }
  }

  return (
    <form
      className="card form"
      onSubmit={handleSubmit}
      aria-labelledby="password-heading"
    >
      <h2 id="password-heading">Change password</h2>
      <FormField
        id="current_password"
        label="Current password"
        required
        error={errors.current_password}
      >
        <input
          id="current_password"
          name="current_password"
          type="password"
          autoComplete="current-password"
          required
          value={currentPassword}
          onChange={(event) => setCurrentPassword(event.target.value)}
          {...fieldA11y("current_password", errors.current_password)}
        />
      </FormField>
      <FormField
        id="new_password"
        label="New password"
        required
        error={errors.new_password}
      >
        <input
          id="new_password"
          name="new_password"
          type="password"
          autoComplete="new-password"
          required
          minLength={8}
          value={newPassword}
          onChange={(event) => setNewPassword(event.target.value)}
          {...fieldA11y("new_password", errors.new_password)}
        />
      </FormField>
      <button type="submit" className="button button-primary" disabled={saving}>
        {saving ? "Changing…" : "Change password"}
      </button>
    </form>
  );
}
