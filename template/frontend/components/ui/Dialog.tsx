"use client";

import { useEffect, useId, useRef, type ReactNode } from "react";

interface DialogProps {
  open: boolean;
  /** Called when the dialog closes itself: Escape, or a click outside it. */
  onClose: () => void;
  title: string;
  description?: ReactNode;
  /** The dialog's buttons; the first focusable one gets focus on open. */
  children: ReactNode;
}

/**
 * A modal dialog on the browser's own <dialog>: it keeps focus inside while
 * open, closes on Escape, and gives focus back to where it was on close.
 */
export function Dialog({
  open,
  onClose,
  title,
  description,
  children,
}: DialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const descriptionId = useId();

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) {
      return;
    }
    if (open && !dialog.open) {
      if (typeof dialog.showModal === "function") {
        dialog.showModal();
      } else {
        dialog.setAttribute("open", "");
      }
    } else if (!open && dialog.open) {
      if (typeof dialog.close === "function") {
        dialog.close();
      } else {
        dialog.removeAttribute("open");
      }
    }
  }, [open]);

  return (
    <dialog
      ref={ref}
      aria-labelledby={titleId}
      aria-describedby={description ? descriptionId : undefined}
      onClose={onClose}
      onClick={(event) => {
        // A click on the backdrop lands on the <dialog> element itself.
        if (event.target === event.currentTarget) {
          onClose();
        }
      }}
      className="m-auto w-[min(28rem,calc(100%-2rem))] rounded-lg border border-border bg-surface p-0 text-fg shadow-xl backdrop:bg-black/50"
    >
      <div className="space-y-3 p-6">
        <h2 id={titleId} className="text-lg">
          {title}
        </h2>
        {description ? (
          <div id={descriptionId} className="text-sm text-muted">
            {description}
          </div>
        ) : null}
        <div className="flex flex-wrap justify-end gap-2 pt-2">{children}</div>
      </div>
    </dialog>
  );
}
