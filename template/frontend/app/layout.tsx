import type { Metadata } from "next";
import type { ReactNode } from "react";
import Footer from "@/components/Footer";
import Header from "@/components/Header";
import Toasts from "@/components/Toasts";
import { AuthProvider } from "@/lib/auth/context";
import { appName } from "@/lib/config";
import { themeScript } from "@/lib/theme";
import "./globals.css";

export const metadata: Metadata = {
  title: {
    default: appName,
    template: `%s · ${appName}`,
  },
  applicationName: appName,
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    // The theme script sets data-theme before React hydrates.
    <html lang="en" suppressHydrationWarning>
      <head>
        <script dangerouslySetInnerHTML={{ __html: themeScript }} />
      </head>
      <body className="flex min-h-dvh flex-col">
        <AuthProvider>
          <Header />
          <main className="mx-auto w-full max-w-4xl flex-1 px-4 py-8 sm:py-12">
            {children}
          </main>
          <Footer />
        </AuthProvider>
        <Toasts />
      </body>
    </html>
  );
}
