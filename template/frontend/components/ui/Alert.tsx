import type { ReactNode } from "react";
import { cx } from "./cx";

export type AlertTone = "info" | "success" | "warning" | "error";

const TONES: Record<AlertTone, string> = {
  info: "border-primary text-fg",
  success: "border-success text-fg",
  warning: "border-warning text-fg",
  error: "border-danger text-fg",
};

const MARKS: Record<AlertTone, string> = {
  info: "text-primary",
  success: "text-success",
  warning: "text-warning",
  error: "text-danger",
};

/**
 * A message in the page. Errors are announced at once (role "alert"), the
 * other tones politely (role "status").
 */
export function Alert({
  tone = "info",
  title,
  className,
  children,
}: {
  tone?: AlertTone;
  title?: ReactNode;
  className?: string;
  children?: ReactNode;
}) {
  return (
    <div
      role={tone === "error" ? "alert" : "status"}
      className={cx(
        "flex gap-3 rounded-md border border-l-4 bg-surface p-3 text-sm",
        TONES[tone],
        className,
      )}
    >
      <svg
        aria-hidden="true"
        viewBox="0 0 20 20"
        className={cx("mt-0.5 size-4 shrink-0 fill-current", MARKS[tone])}
      >
        <circle cx="10" cy="10" r="8" />
      </svg>
      <div className="min-w-0 space-y-1 break-words">
        {title ? <p className="font-semibold">{title}</p> : null}
        {children}
      </div>
    </div>
  );
}
