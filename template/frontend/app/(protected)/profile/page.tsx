import type { Metadata } from "next";
import AccountSettings from "@/components/AccountSettings";
import ProfileForm from "@/components/ProfileForm";

export const metadata: Metadata = {
  title: "Profile",
};

export default function ProfilePage() {
  return (
    <div className="stack">
      <ProfileForm />
      <AccountSettings />
    </div>
  );
}
