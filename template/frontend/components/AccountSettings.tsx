"use client";

import { useState } from "react";
import ChangePasswordForm from "@/components/ChangePasswordForm";
import DeleteAccountForm from "@/components/DeleteAccountForm";
import SessionList from "@/components/SessionList";

/** The profile page's account sections below the profile form. */
export default function AccountSettings() {
  // A password change ends the other sessions: the list loads again.
  const [sessionsVersion, setSessionsVersion] = useState(0);
  return (
    <>
      <SessionList version={sessionsVersion} />
      <ChangePasswordForm
        onChanged={() => setSessionsVersion((version) => version + 1)}
      />
      <DeleteAccountForm />
    </>
  );
}
