import type { AuthResponse, User } from "@/lib/types";

/**
 * How the browser keeps the session and shows it to the backend. The API
 * client and the AuthProvider use only this; lib/auth/transport.ts is the
 * one implementation this project has.
 */
export interface SessionTransport {
  /** The `credentials` mode of every API request. */
  credentials: RequestCredentials;
  /** Adds what proves the session to the headers of a request. */
  authorize(headers: Headers): void;
  /** False when there is surely no session, so asking the backend is useless. */
  maybeSignedIn(): boolean;
  /** Keeps the session a login or a registration answered with. */
  keep(answer: AuthResponse): void;
  /** Keeps what the headers of an answer hand over, where this transport
   * uses any (the proof that this browser signed in before). */
  keepFromHeaders(headers: Headers): void;
  /** Keeps the latest copy of the signed-in user. */
  keepUser(user: User): void;
  /** Forgets the session on this side; the backend is told separately. */
  clear(): void;
  /** Whether clearing here signs out even when the backend cannot be told. */
  signsOutOffline: boolean;
  /** Calls `listener` when another tab ends the session; returns an unsubscribe. */
  onEndedElsewhere(listener: () => void): () => void;
}

/**
 * What the API client tries when a request answers 401, before it gives the
 * session up; lib/auth/renewal.ts is the one implementation this project has.
 */
export interface SessionRenewal {
  /**
   * Called with the path and the start (Date.now()) of a request that
   * answered 401; true when the request is worth sending once more.
   */
  renew(path: string, startedAt: number): Promise<boolean>;
}
