import Link from "next/link";
import type { ComponentProps } from "react";
import { cx } from "./cx";
import { Spinner } from "./Spinner";

export type ButtonVariant = "primary" | "secondary" | "danger" | "ghost";
export type ButtonSize = "md" | "sm";

const VARIANTS: Record<ButtonVariant, string> = {
  primary: "bg-primary text-on-primary hover:bg-primary-hover",
  secondary: "border border-border bg-surface text-fg hover:bg-subtle",
  danger: "bg-danger text-on-danger hover:bg-danger-hover",
  ghost: "text-fg hover:bg-subtle",
};

const SIZES: Record<ButtonSize, string> = {
  md: "min-h-10 px-4 text-sm",
  sm: "min-h-8 px-3 text-sm",
};

interface Look {
  variant?: ButtonVariant;
  size?: ButtonSize;
}

/** The classes of a button, for elements that only look like one. */
export function buttonClasses({
  variant = "secondary",
  size = "md",
  className,
}: Look & { className?: string } = {}): string {
  return cx(
    "inline-flex items-center justify-center gap-2 rounded-md font-medium whitespace-nowrap no-underline transition-colors hover:no-underline disabled:cursor-not-allowed disabled:opacity-60",
    VARIANTS[variant],
    SIZES[size],
    className,
  );
}

export interface ButtonProps extends Look, ComponentProps<"button"> {
  /** Shows a spinner and disables the button while work is under way. */
  loading?: boolean;
}

export function Button({
  variant,
  size,
  loading = false,
  disabled,
  className,
  type = "button",
  children,
  ...props
}: ButtonProps) {
  return (
    <button
      type={type}
      disabled={disabled || loading}
      aria-busy={loading || undefined}
      className={buttonClasses({ variant, size, className })}
      {...props}
    >
      {loading ? <Spinner /> : null}
      {children}
    </button>
  );
}

/** A link that looks like a button: for calls to action that navigate. */
export function ButtonLink({
  variant,
  size,
  className,
  ...props
}: Look & ComponentProps<typeof Link>) {
  return (
    <Link className={buttonClasses({ variant, size, className })} {...props} />
  );
}
