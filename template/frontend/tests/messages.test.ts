import { describe, expect, it } from "vitest";
import { plainMessage, tryAgainIn } from "@/lib/messages";

// What the backend sends (pydantic's wording) and what people read.
const CASES: [string, string, string][] = [
  [
    "string_too_short",
    "String should have at least 8 characters",
    "Use at least 8 characters.",
  ],
  [
    "value_error",
    "Value error, Password must be at least 8 characters long",
    "Use at least 8 characters.",
  ],
  [
    "string_too_short",
    "String should have at least 1 character",
    "Fill in this field.",
  ],
  [
    "string_too_long",
    "String should have at most 100 characters",
    "Use at most 100 characters.",
  ],
  [
    "value_error",
    "value is not a valid email address: The part after the @-sign is not valid.",
    "Enter a valid email address.",
  ],
  [
    "email_taken",
    "An account with this email already exists",
    "An account with this email already exists.",
  ],
  [
    "less_than_equal",
    "Input should be less than or equal to 2147483647",
    "Enter a number of at most 2147483647.",
  ],
  [
    "greater_than_equal",
    "Input should be greater than or equal to -2147483648",
    "Enter a number of at least -2147483648.",
  ],
  [
    "greater_than",
    "Input should be greater than 0",
    "Enter a number greater than 0.",
  ],
  ["less_than", "Input should be less than 10", "Enter a number less than 10."],
  [
    "int_parsing",
    "Input should be a valid integer, unable to parse string as an integer",
    "Enter a whole number.",
  ],
  [
    "float_parsing",
    "Input should be a valid number, unable to parse string as a number",
    "Enter a number.",
  ],
  ["missing", "Field required", "Fill in this field."],
  [
    "literal_error",
    "Input should be 'free' or 'pro'",
    "Choose one of the options.",
  ],
  [
    "date_from_datetime_parsing",
    "Input should be a valid date or datetime, input is too short",
    "Enter a valid date.",
  ],
  [
    "datetime_parsing",
    "Input should be a valid datetime, invalid character in year",
    "Enter a valid date and time.",
  ],
  [
    "value_error",
    "Value error, must be valid Unicode text",
    "Remove the characters that are not plain text.",
  ],
  [
    "value_error",
    "Value error, This password is one of the most common ones; choose another",
    "This password is one of the most common ones; choose another",
  ],
];

describe("plainMessage", () => {
  it.each(CASES)("%s: %s", (type, msg, expected) => {
    expect(plainMessage({ type, msg })).toBe(expected);
  });
});

describe("tryAgainIn", () => {
  it.each([
    [1, "Try again in a second."],
    [45, "Try again in 45 seconds."],
    [60, "Try again in a minute."],
    [61, "Try again in 2 minutes."],
    [3600, "Try again in an hour."],
    [7200, "Try again in 2 hours."],
  ])("%i seconds: %s", (seconds, sentence) => {
    expect(tryAgainIn(seconds)).toBe(sentence);
  });
});
