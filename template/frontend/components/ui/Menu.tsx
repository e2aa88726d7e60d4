"use client";

import { useEffect, useId, useRef, useState, type ReactNode } from "react";
import { cx } from "./cx";
import { IconButton } from "./IconButton";

interface MenuProps {
  /** The button's accessible name, e.g. "Menu". */
  label: string;
  /** Links and buttons; choosing one closes the menu. */
  children: ReactNode;
  className?: string;
  panelClassName?: string;
}

/**
 * A button that shows and hides a panel of links (the disclosure pattern):
 * Escape and a click outside close it, and Escape gives focus back to the
 * button.
 */
export function Menu({
  label,
  children,
  className,
  panelClassName,
}: MenuProps) {
  const [open, setOpen] = useState(false);
  const panelId = useId();
  const root = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (!open) {
      return;
    }
    function onKeyDown(event: KeyboardEvent) {
      if (event.key === "Escape") {
        setOpen(false);
        button.current?.focus();
      }
    }
    function onPointerDown(event: PointerEvent) {
      if (!root.current?.contains(event.target as Node)) {
        setOpen(false);
      }
    }
    document.addEventListener("keydown", onKeyDown);
    document.addEventListener("pointerdown", onPointerDown);
    return () => {
      document.removeEventListener("keydown", onKeyDown);
      document.removeEventListener("pointerdown", onPointerDown);
    };
  }, [open]);

  return (
    <div ref={root} className={cx("relative", className)}>
      <IconButton
        ref={button}
        label={label}
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => setOpen((shown) => !shown)}
        className="border border-border bg-surface"
        icon={
          open ? (
            <path d="M6 6l12 12M18 6L6 18" />
          ) : (
            <path d="M4 7h16M4 12h16M4 17h16" />
          )
        }
      />
      <div
        id={panelId}
        hidden={!open}
        onClick={(event) => {
          if ((event.target as Element).closest("a, button")) {
            setOpen(false);
          }
        }}
        className={cx(
          "absolute right-0 z-20 mt-2 w-64 rounded-lg border border-border bg-surface p-2 shadow-lg",
          panelClassName,
        )}
      >
        {children}
      </div>
    </div>
  );
}
