"use client";

import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useState,
  type ReactNode,
} from "react";
import {
  api,
  ApiError,
  onUnauthorized,
  sessionEndsHere,
  sessionStartsHere,
} from "@/lib/api";
import { notifyError } from "@/lib/notify";
import type {
  AccountDeletion,
  AuthResponse,
  LoginRequest,
  User,
  UserUpdate,
} from "@/lib/types";
import { transport } from "./transport";

export interface AuthContextValue {
  /** The signed-in user, or null. */
  user: User | null;
  /** True until the first answer of GET /api/auth/me. */
  loading: boolean;
  /** True once an API call found the session ended (expired or revoked). */
  sessionEnded: boolean;
  login: (email: string, password: string) => Promise<User>;
  /** Keeps the session an answer of the backend starts (a login, a
   * registration) and returns its user. */
  signInWith: (answer: AuthResponse) => User;
  logout: () => Promise<void>;
  /** Asks the backend again who is signed in. */
  refreshUser: () => Promise<User | null>;
  /** PATCH /api/auth/me and keep the answer. */
  updateProfile: (data: UserUpdate) => Promise<User>;
  /** DELETE /api/auth/me, confirmed with the password; then signed out. */
  deleteAccount: (password: string) => Promise<void>;
}

const AuthContext = createContext<AuthContextValue | null>(null);

/** Who is signed in, according to the backend (null: nobody). */
async function fetchCurrentUser(): Promise<User | null> {
  if (!transport.maybeSignedIn()) {
    return null;
  }
  try {
    const me = await api<User>("/api/auth/me", {
      redirectOnUnauthorized: false,
    });
    transport.keepUser(me);
    return me;
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) {
      transport.clear();
      return null;
    }
    throw error;
  }
}

export function AuthProvider({ children }: { children: ReactNode }) {
  const [user, setUser] = useState<User | null>(null);
  const [loading, setLoading] = useState(true);
  const [sessionEnded, setSessionEnded] = useState(false);

  // Every page load starts by asking the backend who is signed in.
  useEffect(() => {
    fetchCurrentUser()
      .then(setUser, (error: unknown) => {
        setUser(null);
        notifyError(
          "session",
          error instanceof Error
            ? error.message
            : "Could not check your session.",
        );
      })
      .finally(() => setLoading(false));
  }, []);

  const refreshUser = useCallback(async () => {
    const me = await fetchCurrentUser();
    setUser(me);
    return me;
  }, []);

  // The API client saw a 401: the session expired or was revoked.
  useEffect(
    () =>
      onUnauthorized(() => {
        setSessionEnded(true);
        setUser(null);
      }),
    [],
  );

  // Signing out in another tab signs out this one too.
  useEffect(() => transport.onEndedElsewhere(() => setUser(null)), []);

  const signInWith = useCallback((answer: AuthResponse) => {
    sessionStartsHere();
    transport.keep(answer);
    setSessionEnded(false);
    setUser(answer.user);
    return answer.user;
  }, []);

  const login = useCallback(
    async (email: string, password: string) => {
      const body: LoginRequest = { email, password };
      const answer = await api<AuthResponse>("/api/auth/login", {
        method: "POST",
        body,
        redirectOnUnauthorized: false,
      });
      return signInWith(answer);
    },
    [signInWith],
  );

  const logout = useCallback(async () => {
    const keepSession = sessionEndsHere();
    try {
      // The backend revokes the token, so a copy of it stops working too.
      await api<void>("/api/auth/logout", {
        method: "POST",
        redirectOnUnauthorized: false,
      });
    } catch (error) {
      // 401: the session had already ended. Otherwise the backend was not
      // told, and the user stays signed in unless forgetting here is enough.
      const ended = error instanceof ApiError && error.status === 401;
      if (!ended && !transport.signsOutOffline) {
        keepSession();
        throw error;
      }
    }
    transport.clear();
    setUser(null);
  }, []);

  const updateProfile = useCallback(async (data: UserUpdate) => {
    const updated = await api<User>("/api/auth/me", {
      method: "PATCH",
      body: data,
    });
    transport.keepUser(updated);
    setUser(updated);
    return updated;
  }, []);

  const deleteAccount = useCallback(async (password: string) => {
    const body: AccountDeletion = { password };
    const keepSession = sessionEndsHere();
    try {
      await api<void>("/api/auth/me", { method: "DELETE", body });
    } catch (error) {
      keepSession();
      throw error;
    }
    transport.clear();
    setUser(null);
  }, []);

  const value = useMemo<AuthContextValue>(
    () => ({
      user,
      loading,
      sessionEnded,
      login,
      signInWith,
      logout,
      refreshUser,
      updateProfile,
      deleteAccount,
    }),
    [
      user,
      loading,
      sessionEnded,
      login,
      signInWith,
      logout,
      refreshUser,
      updateProfile,
      deleteAccount,
    ],
  );

  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthContextValue {
  const context = useContext(AuthContext);
  if (!context) {
    throw new Error("useAuth() must be used inside <AuthProvider>");
  }
  return context;
}
