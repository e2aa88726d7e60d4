import { cx } from "./cx";

/** A grey block where content is loading; hidden from screen readers. */
export function Skeleton({ className }: { className?: string }) {
  return (
    <div
      aria-hidden="true"
      className={cx(
        "animate-pulse rounded-md bg-subtle motion-reduce:animate-none",
        className,
      )}
    />
  );
}
