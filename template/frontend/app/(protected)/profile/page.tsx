import type { Metadata } from "next";
import AccountSettings from "@/components/AccountSettings";
import ProfileForm from "@/components/ProfileForm";

export const metadata: Metadata = {
  title: "Profile",
};

export default function ProfilePage() {
  return (
    <div className="mx-auto w-full max-w-2xl space-y-6">
      <h1 className="text-2xl">Profile</h1>
      <ProfileForm />
      <AccountSettings />
    </div>
  );
}
