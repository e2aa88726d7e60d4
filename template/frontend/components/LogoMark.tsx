import { cx } from "@/components/ui/cx";

/**
 * The app's mark, a padlock on a rounded square, in the theme's colours.
 * Decorative: it always stands next to the app's name. app/icon.svg is the
 * same drawing for the browser tab.
 */
export default function LogoMark({ className }: { className?: string }) {
  return (
    <svg
      aria-hidden="true"
      viewBox="0 0 32 32"
      className={cx("size-8 shrink-0", className)}
    >
      <rect width="32" height="32" rx="8" className="fill-primary" />
      <path
        d="M11.5 14.5v-3a4.5 4.5 0 0 1 9 0v3"
        fill="none"
        strokeWidth="2.5"
        strokeLinecap="round"
        className="stroke-on-primary"
      />
      <rect
        x="8"
        y="14"
        width="16"
        height="11"
        rx="2.5"
        className="fill-on-primary"
      />
      <path
        d="M16 17.5a1.75 1.75 0 0 0-.75 3.33V22.5h1.5v-1.67A1.75 1.75 0 0 0 16 17.5z"
        className="fill-primary"
      />
    </svg>
  );
}
