"use client";

import { useRouter } from "next/navigation";
import { useRef, useState, type FormEvent } from "react";
import { Button } from "@/components/ui/Button";
import { Card } from "@/components/ui/Card";
import { Dialog } from "@/components/ui/Dialog";
import { InputField, useFocusFirstInvalid } from "@/components/ui/Field";
import { ApiError } from "@/lib/api";
import { useAuth } from "@/lib/auth/context";
import { notifyError, notifySuccess } from "@/lib/notify";

/**
 * Deletes the account and everything in it: the password confirms who
 * asks, a dialog that the user means it.
 */
export default function DeleteAccountForm() {
  const { deleteAccount } = useAuth();
  const router = useRouter();
  const form = useRef<HTMLFormElement>(null);
  const [password, setPassword] = useState("");
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [confirming, setConfirming] = useState(false);
  const [deleting, setDeleting] = useState(false);
  useFocusFirstInvalid(form, errors);

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setErrors({});
    setConfirming(true);
  }

  async function deleteForGood() {
    setDeleting(true);
    try {
      await deleteAccount(password);
      router.push("/login");
      notifySuccess("account", "Your account has been deleted.");
    } catch (error) {
      // Closing the dialog gives focus back to the form, where the error is.
      setConfirming(false);
      if (error instanceof ApiError) {
        setErrors(error.fieldErrors);
        notifyError("account", error.message);
      } else {
        notifyError("account", "Something went wrong. Please try again.");
      }
      setDeleting(false);
    }
  }

  return (
    <Card
      title="Delete account"
      description="Deletes your account and all of its data for good."
    >
      <form
        ref={form}
        className="space-y-4"
        aria-label="Delete account"
        onSubmit={handleSubmit}
      >
        <InputField
          id="delete_password"
          label="Password"
          error={errors.password}
          name="password"
          type="password"
          autoComplete="current-password"
          required
          value={password}
          onChange={(event) => setPassword(event.target.value)}
        />
        <div className="flex justify-end">
          <Button type="submit" variant="danger">
            Delete account
          </Button>
        </div>
      </form>
      <Dialog
        open={confirming}
        onClose={() => setConfirming(false)}
        title="Delete your account?"
        description="This deletes your account and all of its data, and signs you out on every device. It cannot be undone."
      >
        <Button onClick={() => setConfirming(false)} disabled={deleting}>
          Cancel
        </Button>
        <Button variant="danger" loading={deleting} onClick={deleteForGood}>
          Delete account
        </Button>
      </Dialog>
    </Card>
  );
}
