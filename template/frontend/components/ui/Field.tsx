import {
  useEffect,
  type ComponentProps,
  type ReactNode,
  type RefObject,
} from "react";
import { cx } from "./cx";
import { Input } from "./Input";

/** aria-* props tying a control to its hint and error message. */
export function fieldA11y(id: string, error?: string, hint?: boolean) {
  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null]
    .filter(Boolean)
    .join(" ");
  return {
    "aria-invalid": error ? true : undefined,
    "aria-describedby": describedBy || undefined,
  };
}

export function FieldError({ id, error }: { id: string; error?: string }) {
  if (!error) {
    return null;
  }
  return (
    <p id={`${id}-error`} className="text-sm text-danger">
      {error}
    </p>
  );
}

function FieldHint({ id, hint }: { id: string; hint?: string }) {
  if (!hint) {
    return null;
  }
  return (
    <p id={`${id}-hint`} className="text-sm text-muted">
      {hint}
    </p>
  );
}

function Label({
  id,
  label,
  required,
}: {
  id: string;
  label: string;
  required: boolean;
}) {
  return (
    <label htmlFor={id} className="text-sm font-medium">
      {label}
      {required ? (
        <span className="text-danger" aria-hidden="true">
          {" "}
          *
        </span>
      ) : null}
    </label>
  );
}

export interface FieldProps {
  id: string;
  label: string;
  required?: boolean;
  error?: string;
  hint?: string;
  className?: string;
  /** The control: give it `id` and `{...fieldA11y(id, error, !!hint)}`. */
  children: ReactNode;
}

/** What every field ends with: its optional hint, then its error. */
function FieldFrame({
  id,
  error,
  hint,
  className,
  children,
}: Omit<FieldProps, "label" | "required">) {
  return (
    <div className={cx("flex flex-col gap-1.5", className)}>
      {children}
      <FieldHint id={id} hint={hint} />
      <FieldError id={id} error={error} />
    </div>
  );
}

/** A label, a control (children), an optional hint and the field's error. */
export function Field({
  label,
  required = false,
  children,
  ...frame
}: FieldProps) {
  return (
    <FieldFrame {...frame}>
      <Label id={frame.id} label={label} required={required} />
      {children}
    </FieldFrame>
  );
}

/** A checkbox (children) with its label beside it, then hint and error. */
export function CheckboxField({
  label,
  required = false,
  children,
  ...frame
}: FieldProps) {
  return (
    <FieldFrame {...frame}>
      <div className="flex items-center gap-2">
        {children}
        <Label id={frame.id} label={label} required={required} />
      </div>
    </FieldFrame>
  );
}

interface InputFieldProps extends ComponentProps<"input"> {
  id: string;
  label: string;
  error?: string;
  hint?: string;
  /** Whether the label shows `*`; by default, when the input is required. */
  markRequired?: boolean;
}

/** A Field around one Input, tied to its label, hint and error. */
export function InputField({
  id,
  label,
  error,
  hint,
  className,
  required = false,
  markRequired = required,
  ...input
}: InputFieldProps) {
  return (
    <Field
      id={id}
      label={label}
      required={markRequired}
      error={error}
      hint={hint}
      className={className}
    >
      <Input
        id={id}
        required={required}
        {...input}
        {...fieldA11y(id, error, Boolean(hint))}
      />
    </Field>
  );
}

/**
 * Moves focus to the first control of the form marked invalid whenever a
 * submit comes back with errors (each submit sets a new `errors` object).
 */
export function useFocusFirstInvalid(
  form: RefObject<HTMLFormElement | null>,
  errors: object,
): void {
  useEffect(() => {
    if (Object.keys(errors).length > 0) {
      form.current
        ?.querySelector<HTMLElement>('[aria-invalid="true"]')
        ?.focus();
    }
  }, [form, errors]);
}
