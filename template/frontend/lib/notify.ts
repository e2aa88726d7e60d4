import toast from "react-hot-toast";

/**
 * What a toast is about. A new toast replaces the one of its kind still on
 * screen, so repeated failures (a mistyped password, twice) show one toast.
 */
export type NoticeKind =
  | "sign-in"
  | "sign-up"
  | "sign-out"
  | "session"
  | "profile"
  | "password"
  | "account"
  | "devices"
  | "mail"
  | "tasks";

export function notifySuccess(kind: NoticeKind, message: string): void {
  toast.success(message, { id: kind });
}

export function notifyError(kind: NoticeKind, message: string): void {
  toast.error(message, { id: kind });
}
