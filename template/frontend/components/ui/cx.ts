/** Joins the class names that are set: `cx("a", done && "b")`. */
export function cx(...classes: (string | false | null | undefined)[]): string {
  return classes.filter(Boolean).join(" ");
}
