import type { Metadata } from "next";
import Registration from "@/components/Registration";

export const metadata: Metadata = {
  title: "Create an account",
};

export default function RegisterPage() {
  return <Registration />;
}
