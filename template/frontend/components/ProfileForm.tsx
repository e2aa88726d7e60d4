"use client";

import { useRef, useState, type FormEvent } from "react";
import { useExtraFields } from "@/components/ExtraFields";
import { Button } from "@/components/ui/Button";
import { Card } from "@/components/ui/Card";
import { InputField, useFocusFirstInvalid } from "@/components/ui/Field";
import { ApiError } from "@/lib/api";
import { useAuth } from "@/lib/auth/context";
import { notifyError, notifySuccess } from "@/lib/notify";
import type { User } from "@/lib/types";

export default function ProfileForm() {
  const { user } = useAuth();
  // The (protected) layout renders pages only for a signed-in user.
  return user ? <ProfileFields user={user} /> : null;
}

function ProfileFields({ user }: { user: User }) {
  const { updateProfile } = useAuth();
  const form = useRef<HTMLFormElement>(null);
  const [name, setName] = useState(user.name);
  const extra = useExtraFields(user);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [saving, setSaving] = useState(false);
  useFocusFirstInvalid(form, errors);

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setSaving(true);
    setErrors({});
    try {
      await updateProfile({ name, ...extra.payload() });
      notifySuccess("profile", "Profile saved.");
    } catch (error) {
      if (error instanceof ApiError) {
        setErrors(error.fieldErrors);
        notifyError("profile", error.message);
      } else {
        notifyError("profile", "Something went wrong. Please try again.");
      }
    } finally {
      setSaving(false);
    }
  }

  return (
    <Card title="Your details" description="Fields marked * are required.">
      <form
        ref={form}
        className="space-y-4"
        aria-label="Your details"
        onSubmit={handleSubmit}
      >
        <div className="flex flex-col gap-1.5">
          <p className="text-sm font-medium">Email</p>
          <p className="text-sm wrap-anywhere text-muted">{user.email}</p>
        </div>
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
        {extra.inputs(errors)}
        <div className="flex justify-end">
          <Button type="submit" variant="primary" loading={saving}>
            Save
          </Button>
        </div>
      </form>
    </Card>
  );
}
