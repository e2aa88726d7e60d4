import type { ComponentProps, ReactNode } from "react";
import { cx } from "./cx";

interface CardProps extends Omit<ComponentProps<"section">, "title"> {
  title?: ReactNode;
  description?: ReactNode;
  /** Buttons or links shown beside the title. */
  actions?: ReactNode;
  titleLevel?: 1 | 2 | 3;
}

/** A surface for one topic: a form, a list, a figure. */
export function Card({
  title,
  description,
  actions,
  titleLevel = 2,
  className,
  children,
  ...props
}: CardProps) {
  const Heading = `h${titleLevel}` as const;
  return (
    <section
      className={cx(
        "rounded-lg border border-border bg-surface p-5 shadow-sm sm:p-6",
        className,
      )}
      {...props}
    >
      {title || actions ? (
        <div className="mb-4 flex flex-wrap items-start justify-between gap-3">
          <div className="min-w-0">
            {title ? (
              <Heading className={titleLevel === 1 ? "text-2xl" : "text-lg"}>
                {title}
              </Heading>
            ) : null}
            {description ? (
              <p className="mt-1 text-sm text-muted">{description}</p>
            ) : null}
          </div>
          {actions ? <div className="flex gap-2">{actions}</div> : null}
        </div>
      ) : null}
      {children}
    </section>
  );
}
