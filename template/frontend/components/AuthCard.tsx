import type { ReactNode } from "react";
import { Card } from "@/components/ui/Card";

/**
 * The card of a signed-out page (sign in, create an account...): centred
 * and as wide as a form needs, the page's heading on top, and below the
 * form the links to the other signed-out pages.
 */
export default function AuthCard({
  title,
  description,
  links,
  children,
}: {
  title: string;
  description?: ReactNode;
  links?: ReactNode;
  children: ReactNode;
}) {
  return (
    <Card
      title={title}
      description={description}
      titleLevel={1}
      className="mx-auto w-full max-w-md"
    >
      {children}
      {links ? (
        <div className="mt-6 space-y-2 border-t border-border pt-4 text-center text-sm text-muted">
          {links}
        </div>
      ) : null}
    </Card>
  );
}
