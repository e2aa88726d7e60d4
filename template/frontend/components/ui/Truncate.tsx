import { cx } from "./cx";

/**
 * One line of a long value (an email, a name) cut with an ellipsis, the
 * whole value in its tooltip.
 */
export function Truncate({
  value,
  className,
}: {
  value: string;
  className?: string;
}) {
  return (
    <span title={value} className={cx("block min-w-0 truncate", className)}>
      {value}
    </span>
  );
}
