/**
 * Plain sentences for the backend's validation errors. The backend speaks
 * pydantic ("String should have at least 8 characters"); people read
 * "Use at least 8 characters." next to the field.
 */

export interface ProblemItem {
  msg: string;
  type: string;
}

/** The first number in a message: the limit pydantic names. */
function limitIn(message: string): string | undefined {
  return /-?\d+(\.\d+)?(e[+-]?\d+)?/i.exec(message)?.[0];
}

function characters(count: string): string {
  return count === "1" ? "1 character" : `${count} characters`;
}

/** Pydantic prefixes messages of custom validators with "Value error, ". */
export function withoutPrefix(message: string): string {
  return message.replace(/^(Value|Assertion) error, /, "");
}

const FIXED: Record<string, string> = {
  missing: "Fill in this field.",
  email_taken: "An account with this email already exists.",
  int_parsing: "Enter a whole number.",
  int_from_float: "Enter a whole number.",
  float_parsing: "Enter a number.",
  finite_number: "Enter a number.",
  bool_parsing: "Choose yes or no.",
  literal_error: "Choose one of the options.",
  date_parsing: "Enter a valid date.",
  date_from_datetime_parsing: "Enter a valid date.",
  datetime_parsing: "Enter a valid date and time.",
  datetime_from_date_parsing: "Enter a valid date and time.",
  string_type: "Enter text.",
};

export function plainMessage(item: ProblemItem): string {
  const message = withoutPrefix(item.msg);
  const limit = limitIn(message);
  if (item.type in FIXED) {
    return FIXED[item.type];
  }
  switch (item.type) {
    case "string_too_short":
      return limit === "1"
        ? "Fill in this field."
        : `Use at least ${characters(limit ?? "more")}.`;
    case "string_too_long":
      return `Use at most ${characters(limit ?? "fewer")}.`;
    case "greater_than_equal":
      return `Enter a number of at least ${limit}.`;
    case "greater_than":
      return `Enter a number greater than ${limit}.`;
    case "less_than_equal":
      return `Enter a number of at most ${limit}.`;
    case "less_than":
      return `Enter a number less than ${limit}.`;
  }
  if (/valid email address/i.test(message)) {
    return "Enter a valid email address.";
  }
  if (/Unicode text|NUL characters/.test(message)) {
    return "Remove the characters that are not plain text.";
  }
  const atLeast = /^Password must be at least (\d+) characters/.exec(message);
  if (atLeast) {
    return `Use at least ${characters(atLeast[1])}.`;
  }
  // The backend's own messages are written for people already.
  return message;
}

/** What the inputs of a new password say under the field. */
export const PASSWORD_HINT =
  "8 to 72 bytes: at least 8 characters; accented letters and emoji count as more than one byte.";

/** "Try again in 15 minutes.", from a Retry-After in seconds. */
export function tryAgainIn(seconds: number): string {
  if (seconds < 60) {
    return seconds <= 1
      ? "Try again in a second."
      : `Try again in ${seconds} seconds.`;
  }
  const minutes = Math.ceil(seconds / 60);
  if (minutes < 60) {
    return minutes === 1
      ? "Try again in a minute."
      : `Try again in ${minutes} minutes.`;
  }
  const hours = Math.ceil(minutes / 60);
  return hours === 1 ? "Try again in an hour." : `Try again in ${hours} hours.`;
}
