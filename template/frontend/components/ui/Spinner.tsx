import { cx } from "./cx";

/** A spinning ring for work in progress; `label` is read out instead. */
export function Spinner({
  label,
  className,
}: {
  label?: string;
  className?: string;
}) {
  return (
    <span
      role={label ? "status" : undefined}
      className={cx("inline-flex items-center gap-2", className)}
    >
      <span
        aria-hidden="true"
        className="size-4 animate-spin rounded-full border-2 border-current border-r-transparent motion-reduce:animate-none"
      />
      {label ? <span className="sr-only">{label}</span> : null}
    </span>
  );
}
