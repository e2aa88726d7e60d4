"use client";

import { useRef, useState, type FormEvent } from "react";
import { Button } from "@/components/ui/Button";
import { Card } from "@/components/ui/Card";
import { InputField, useFocusFirstInvalid } from "@/components/ui/Field";
import { api, ApiError } from "@/lib/api";
import { PASSWORD_HINT } from "@/lib/messages";
import { notifyError, notifySuccess } from "@/lib/notify";
import type { PasswordChange } from "@/lib/types";

/** Current and new password; the backend ends every other session. */
export default function ChangePasswordForm({
  onChanged,
}: {
  onChanged?: () => void;
}) {
  const form = useRef<HTMLFormElement>(null);
  const [currentPassword, setCurrentPassword] = useState("");
  const [newPassword, setNewPassword] = useState("");
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [saving, setSaving] = useState(false);
  useFocusFirstInvalid(form, errors);

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
      notifySuccess(
        "password",
        "Password changed. Your other devices are signed out.",
      );
      onChanged?.();
    } catch (error) {
      if (error instanceof ApiError) {
        setErrors(error.fieldErrors);
        notifyError("password", error.message);
      } else {
        notifyError("password", "Something went wrong. Please try again.");
      }
    } finally {
      setSaving(false);
    }
  }

  return (
    <Card
      title="Change password"
      description="Changing it signs you out on your other devices."
    >
      <form
        ref={form}
        className="space-y-4"
        aria-label="Change password"
        onSubmit={handleSubmit}
      >
        <InputField
          id="current_password"
          label="Current password"
          error={errors.current_password}
          name="current_password"
          type="password"
          autoComplete="current-password"
          required
          value={currentPassword}
          onChange={(event) => setCurrentPassword(event.target.value)}
        />
        <InputField
          id="new_password"
          label="New password"
          error={errors.new_password}
          hint={PASSWORD_HINT}
          name="new_password"
          type="password"
          autoComplete="new-password"
          required
          minLength={8}
          value={newPassword}
          onChange={(event) => setNewPassword(event.target.value)}
        />
        <div className="flex justify-end">
          <Button type="submit" variant="primary" loading={saving}>
            Change password
          </Button>
        </div>
      </form>
    </Card>
  );
}
