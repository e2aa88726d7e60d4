import type { ComponentProps, ReactNode } from "react";
import { cx } from "./cx";

interface IconButtonProps extends Omit<ComponentProps<"button">, "children"> {
  /** The button's accessible name: screen readers say it, no one sees it. */
  label: string;
  /** The icon's shapes, drawn in a 24 × 24 box with the text colour. */
  icon: ReactNode;
}

/** A 40 px square button that shows only an icon. */
export function IconButton({
  label,
  icon,
  className,
  type = "button",
  ...props
}: IconButtonProps) {
  return (
    <button
      type={type}
      className={cx(
        "inline-flex size-10 items-center justify-center rounded-md text-fg hover:bg-subtle",
        className,
      )}
      {...props}
    >
      <span className="sr-only">{label}</span>
      <svg
        aria-hidden="true"
        viewBox="0 0 24 24"
        className="size-5"
        fill="none"
        stroke="currentColor"
        strokeWidth="2"
        strokeLinecap="round"
        strokeLinejoin="round"
      >
        {icon}
      </svg>
    </button>
  );
}
