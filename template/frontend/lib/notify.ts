import toast, { type Renderable } from "react-hot-toast";

/**
 * What a toast is about, named by the feature that shows it: "sign-in",
 * "profile", "devices". A new toast replaces the one of its kind still on
 * screen, so repeated failures (a mistyped password, twice) show one toast.
 */
export type NoticeKind = string;

export function notifySuccess(kind: NoticeKind, message: string): void {
  toast.success(message, { id: kind });
}

export function notifyError(kind: NoticeKind, message: string): void {
  toast.error(message, { id: kind });
}

/**
 * A toast with controls of its own (an Undo button). It stays until
 * `dismissNotice(kind)`: the caller's timer decides when the offer ends, so
 * the toast can neither outlive it nor vanish before it.
 */
export function notifyWithAction(kind: NoticeKind, content: Renderable): void {
  toast.success(content, { id: kind, duration: Infinity });
}

export function dismissNotice(kind: NoticeKind): void {
  toast.dismiss(kind);
}
