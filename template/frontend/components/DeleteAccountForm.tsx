"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import toast from "react-hot-toast";
import FormField, { fieldA11y } from "@/components/FormField";
import { ApiError } from "@/lib/api";
import { useAuth } from "@/lib/auth/context";

/** Deletes the account and everything in it, once the password confirms. */
export default function DeleteAccountForm() {
  const { deleteAccount } = useAuth();
  const router = useRouter();
  const [password, setPassword] = useState("");
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [deleting, setDeleting] = useState(false);

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setDeleting(true);
    setErrors({});
    try {
      await deleteAccount(password);
      router.push("/login");
      toast.success("Your account has been deleted.");
    } catch (error) {
      if (error instanceof ApiError) {
        setErrors(error.fieldErrors);
        toast.error(error.message);
      } else {
        toast.error("Something went wrong. Please try again.");
      }
      setDeleting(false);
    }
  }

  return (
    <form
      className="card form"
      onSubmit={handleSubmit}
      aria-labelledby="delete-heading"
    >
      <h2 id="delete-heading">Delete account</h2>
      <p className="form-note">
        This deletes your account and all of its data, and signs you out on
        every device. It cannot be undone.
      </p>
      <FormField
        id="delete_password"
        label="Password"
        required
        error={errors.password}
      >
        <input
          id="delete_password"
          name="password"
          type="password"
          autoComplete="current-password"
          required
          value={password}
          onChange={(event) => setPassword(event.target.value)}
          {...fieldA11y("delete_password", errors.password)}
        />
      </FormField>
      <button
        type="submit"
        className="button button-danger"
        disabled={deleting}
      >
        {deleting ? "Deleting…" : "Delete account"}
      </button>
    </form>
  );
}
