/**
 * The names the app uses for the backend's JSON. The shapes come from the
 * backend's OpenAPI document (lib/api-types.ts, `make api-types`); names stay
 * snake_case, exactly as the API sends them.
 */
import type { components } from "./api-types";

type Schemas = components["schemas"];

export type User = Schemas["UserPublic"];

export type RegisterRequest = Schemas["UserCreate"];

/** POST /api/auth/login: the credentials of the registration. */
export type LoginRequest = Pick<RegisterRequest, "email" | "password">;

/** PATCH /api/auth/me: only the fields that change. */
export type UserUpdate = Schemas["UserUpdate"];

/** Answers that sign the user in. */
export type AuthResponse = Schemas["AuthResponse"];

/** GET /api/dashboard */
export type DashboardData = Schemas["DashboardResponse"];

/** GET /api/auth/sessions: one signed-in device; `current` is this one. */
export type SessionPublic = Schemas["SessionPublic"];

/** POST /api/auth/password */
export type PasswordChange = Schemas["PasswordChange"];

/** DELETE /api/auth/me: the password confirms the deletion. */
export type AccountDeletion = Schemas["AccountDeletion"];

/** One item of a 422 answer: {"detail": [{"loc": ["body", "email"], ...}]} */
export type ValidationErrorItem = Schemas["ValidationError"];

/** An error answer: FastAPI's message, or the items of a 422. */
export interface ErrorResponse {
  detail: string | ValidationErrorItem[];
}
